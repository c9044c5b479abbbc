// Experimental designs over uncertain parameters: points in the unit cube, and
// how they map to parameter values, for sweeps and sensitivity analysis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace samen::uncertainty {

/// How a parameter's range is spread over the unit interval.
enum class Scale {
  linear,  ///< equal steps in the value
  log,     ///< equal steps in log(value); needs low > 0
};

/// One uncertain input of a sweep: a name, a range [low, high] and a scale.
struct Parameter {
  std::string name;
  double low = 0.0;
  double high = 1.0;
  Scale scale = Scale::linear;
};

/// Throws std::invalid_argument naming the parameter when a name is empty or
/// repeated, a bound is not finite, low >= high, or a log-scale low is <= 0;
/// e.g. {"refer.rate", 0, 1, Scale::log} fails with "parameter 'refer.rate':
/// log scale needs low > 0 (got low = 0)".
void check_parameters(const std::vector<Parameter>& parameters);

/// Maps u in [0, 1] to the parameter's value: low + u (high - low) on a linear
/// scale, low (high / low)^u on a log scale; u = 0 and 1 give low and high exactly.
double to_value(const Parameter& parameter, double u);

/// Maps a value in [low, high] back to the unit interval (inverse of to_value).
double to_unit(const Parameter& parameter, double value);

/// A dense row-major matrix: element (r, c) is values[r * cols + c].
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> values;

  Matrix() = default;
  /// Makes a rows x cols matrix filled with `fill`.
  Matrix(std::size_t n_rows, std::size_t n_cols, double fill = 0.0)
      : rows(n_rows), cols(n_cols), values(n_rows * n_cols, fill) {}
  double& operator()(std::size_t r, std::size_t c) { return values[r * cols + c]; }
  double operator()(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
  /// Returns row r as a vector.
  std::vector<double> row(std::size_t r) const {
    return {values.begin() + static_cast<std::ptrdiff_t>(r * cols),
            values.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols)};
  }
};

/// Which generator made a design; the estimators check it.
enum class DesignKind { grid, latin_hypercube, sobol, morris, saltelli };

/// Returns the kind's name as written in outputs: "grid", "latin_hypercube",
/// "sobol", "morris" or "saltelli".
std::string kind_name(DesignKind kind);

/// The points a sweep runs: a points x parameters matrix in the unit cube plus
/// the parameters that map it to values, and the structure the estimators need.
struct Design {
  DesignKind kind = DesignKind::grid;
  std::vector<Parameter> parameters;
  Matrix unit;  ///< points x parameters, each entry in [0, 1]
  /// Morris: the number of trajectories r (each k + 1 consecutive rows).
  std::size_t trajectories = 0;
  /// Morris: the number of grid levels p; grid: unused (see grid_design).
  std::size_t levels = 0;
  /// Morris: the step Delta = p / (2 (p - 1)) in unit-cube units.
  double delta = 0.0;
  /// Saltelli: the number of base samples N (each k + 2 consecutive rows).
  std::size_t base_samples = 0;

  /// Returns the number of points (rows).
  std::size_t points() const { return unit.rows; }
  /// Returns the unit points mapped through each parameter's range and scale.
  Matrix values() const;
  /// Returns the parameter values of one point.
  std::vector<double> point_values(std::size_t point) const;
};

/// Makes a full factorial grid with levels[i] equally spaced levels of
/// parameter i, ends included (one level sits at the centre 0.5); a single
/// entry applies to every parameter. The last parameter varies fastest, so
/// grid_design({a, b}, {2}) gives the unit points (0,0), (0,1), (1,0), (1,1).
Design grid_design(const std::vector<Parameter>& parameters,
                   const std::vector<std::size_t>& levels);

/// Makes a Latin hypercube of n points: in every dimension each of the n
/// strata [j/n, (j+1)/n) holds exactly one point, placed uniformly within it;
/// strata are paired by independent random permutations drawn from `seed`.
Design latin_hypercube_design(const std::vector<Parameter>& parameters, std::size_t points,
                              std::uint32_t seed);

/// Makes n points of the k-dimensional Sobol sequence of Boost.Random
/// (boost::random::sobol, Joe-Kuo direction numbers; the initial all-zero
/// point is not part of it), starting after `skip` points.
Design sobol_design(const std::vector<Parameter>& parameters, std::size_t points,
                    std::size_t skip = 0);

/// Options of Morris's elementary-effects design.
struct MorrisOptions {
  std::size_t trajectories = 10;  ///< r, the trajectories kept
  std::size_t levels = 4;         ///< p, grid levels per parameter (even, >= 2)
  /// Candidate trajectories to choose the r most spread out ones from
  /// (Campolongo et al. 2007); 0 keeps the first r drawn.
  std::size_t candidates = 0;
  std::uint32_t seed = 1;
};

/// Makes r Morris (1991) trajectories of k + 1 points each on the p-level grid
/// {0, 1/(p-1), ..., 1}: from a random start, each step moves one parameter,
/// in random order, by +Delta or -Delta (Delta = p / (2 (p - 1))). With
/// candidates > r, keeps the r candidates that greedily maximise
/// trajectory_spread (Campolongo, Cariboni & Saltelli 2007).
Design morris_design(const std::vector<Parameter>& parameters, const MorrisOptions& options);

/// Returns Campolongo's spread of a Morris design: sqrt of the sum over pairs
/// of trajectories (m, l) of d_ml^2, where d_ml sums the Euclidean distances
/// between every point of m and every point of l.
double trajectory_spread(const Design& morris);

/// Makes the Saltelli design for Sobol indices from N points of the 2k-dim
/// Sobol sequence (after `skip`): A takes the first k columns, B the last k,
/// and AB_i is A with column i taken from B. Rows come in blocks of k + 2 per
/// base sample j: A_j, AB_1j, ..., AB_kj, B_j, so a larger N extends a smaller one.
Design saltelli_design(const std::vector<Parameter>& parameters, std::size_t base_samples,
                       std::size_t skip = 0);

}  // namespace samen::uncertainty
