#include "samen/uncertainty/prim.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "draws.hpp"

namespace samen::uncertainty {
namespace {

using detail::number;

bool inside(const Matrix& x, std::size_t r, const PrimBox& box) {
  for (std::size_t c = 0; c < x.cols; ++c)
    if (x(r, c) < box.low[c] || x(r, c) > box.high[c]) return false;
  return true;
}

// Counts what `box` holds and fills its statistics.
void measure(const Matrix& x, const std::vector<int>& y, std::size_t total_cases, PrimBox& box) {
  box.points = box.cases = 0;
  for (std::size_t r = 0; r < x.rows; ++r)
    if (inside(x, r, box)) {
      ++box.points;
      box.cases += static_cast<std::size_t>(y[r]);
    }
  box.coverage = static_cast<double>(box.cases) / static_cast<double>(total_cases);
  box.density = box.points ? static_cast<double>(box.cases) / static_cast<double>(box.points) : 0.0;
  box.mass = static_cast<double>(box.points) / static_cast<double>(x.rows);
}

// How many points a peel or paste of `alpha` moves out of or into a box of n.
std::size_t step_size(double alpha, std::size_t n) {
  return std::max<std::size_t>(1, static_cast<std::size_t>(alpha * static_cast<double>(n)));
}

// A candidate change of one side of one input.
struct Move {
  std::size_t dimension = 0;
  bool upper = false;
  double bound = 0.0;
  std::size_t points = 0, cases = 0;  // of the box after the move
  bool valid = false;
};

// Returns true when `a` is a better peel than `b`: higher density, then more
// points kept (the gentler peel); earlier candidates win remaining ties.
bool better(const Move& a, const Move& b) {
  if (!b.valid) return a.valid;
  if (!a.valid) return false;
  const double da = static_cast<double>(a.cases) * static_cast<double>(b.points);
  const double db = static_cast<double>(b.cases) * static_cast<double>(a.points);
  if (da != db) return da > db;
  return a.points > b.points;
}

// Returns the best peel of `box`, or an invalid move when none keeps `min_points`.
Move best_peel(const Matrix& x, const std::vector<int>& y, const PrimBox& box, double alpha,
               std::size_t min_points) {
  std::vector<std::size_t> in;
  for (std::size_t r = 0; r < x.rows; ++r)
    if (inside(x, r, box)) in.push_back(r);
  const std::size_t m = step_size(alpha, in.size());
  Move best;
  std::vector<std::pair<double, int>> v(in.size());
  for (std::size_t c = 0; c < x.cols; ++c) {
    for (std::size_t i = 0; i < in.size(); ++i) v[i] = {x(in[i], c), y[in[i]]};
    std::sort(v.begin(), v.end());
    for (const bool upper : {false, true}) {
      // Peel the m most extreme values on this side, and all values tied with
      // the last of them, so the new bound excludes exactly what it removed.
      Move move;
      move.dimension = c;
      move.upper = upper;
      std::size_t removed = 0, removed_cases = 0;
      const std::size_t n = v.size();
      auto value = [&](std::size_t i) { return upper ? v[n - 1 - i].first : v[i].first; };
      while (removed < n && (removed < m || value(removed) == value(removed - 1))) {
        removed_cases +=
            static_cast<std::size_t>(upper ? v[n - 1 - removed].second : v[removed].second);
        ++removed;
      }
      if (removed >= n) continue;
      move.bound = value(removed);
      move.points = n - removed;
      std::size_t cases = 0;
      for (const auto& p : v) cases += static_cast<std::size_t>(p.second);
      move.cases = cases - removed_cases;
      move.valid = move.points >= min_points;
      if (better(move, best)) best = move;
    }
  }
  return best;
}

// Returns the best paste of `box`: on one side of one input, the nearest
// outside points (inside on every other input) and their ties.
Move best_paste(const Matrix& x, const std::vector<int>& y, const PrimBox& box, double alpha) {
  const std::size_t m = step_size(alpha, box.points);
  Move best;
  for (std::size_t c = 0; c < x.cols; ++c) {
    for (const bool upper : {false, true}) {
      struct Outside {
        double distance, value;  // beyond the side; the raw value becomes the bound
        int label;
        bool operator<(const Outside& o) const { return distance < o.distance; }
      };
      std::vector<Outside> out;
      for (std::size_t r = 0; r < x.rows; ++r) {
        const double v = x(r, c);
        if (upper ? v <= box.high[c] : v >= box.low[c]) continue;
        bool others = true;
        for (std::size_t o = 0; o < x.cols && others; ++o)
          if (o != c && (x(r, o) < box.low[o] || x(r, o) > box.high[o])) others = false;
        if (others) out.push_back({upper ? v - box.high[c] : box.low[c] - v, v, y[r]});
      }
      if (out.empty()) continue;
      std::stable_sort(out.begin(), out.end());
      std::size_t added = 0, added_cases = 0;
      while (added < out.size() && (added < m || out[added].value == out[added - 1].value))
        added_cases += static_cast<std::size_t>(out[added++].label);
      Move move;
      move.dimension = c;
      move.upper = upper;
      move.bound = out[added - 1].value;
      move.points = box.points + added;
      move.cases = box.cases + added_cases;
      move.valid = true;
      if (better(move, best)) best = move;
    }
  }
  return best;
}

void apply(PrimBox& box, const Move& move) {
  (move.upper ? box.high : box.low)[move.dimension] = move.bound;
}

void check_inputs(const Matrix& x, const std::vector<int>& y, const PrimOptions& o) {
  if (x.rows == 0 || x.cols == 0)
    throw std::invalid_argument("prim: the inputs are empty (" + std::to_string(x.rows) + " x " +
                                std::to_string(x.cols) + ")");
  if (x.values.size() != x.rows * x.cols)
    throw std::invalid_argument("prim: the input matrix holds " + std::to_string(x.values.size()) +
                                " values, not rows x cols = " + std::to_string(x.rows * x.cols));
  if (y.size() != x.rows)
    throw std::invalid_argument("prim: expected one y per input row (" + std::to_string(x.rows) +
                                "), got " + std::to_string(y.size()));
  for (std::size_t r = 0; r < y.size(); ++r)
    if (y[r] != 0 && y[r] != 1)
      throw std::invalid_argument("prim: y of row " + std::to_string(r) + " is " +
                                  std::to_string(y[r]) + "; allowed: 0 or 1");
  for (std::size_t i = 0; i < x.values.size(); ++i)
    if (!std::isfinite(x.values[i]))
      throw std::invalid_argument("prim: input " + std::to_string(i % x.cols) + " of row " +
                                  std::to_string(i / x.cols) + " is not a finite number");
  if (!(o.alpha > 0.0 && o.alpha < 1.0))
    throw std::invalid_argument("prim: alpha must lie strictly between 0 and 1 (got " +
                                number(o.alpha) + ")");
  if (!(o.min_support > 0.0 && o.min_support <= 1.0))
    throw std::invalid_argument("prim: min_support must lie in (0, 1] (got " +
                                number(o.min_support) + ")");
}

// Returns the step chosen by the rule documented at prim().
std::size_t select_step(const std::vector<PrimBox>& trajectory) {
  std::size_t best = 0;
  for (std::size_t s = 1; s < trajectory.size(); ++s)
    if (trajectory[s].coverage * trajectory[s].density >
        trajectory[best].coverage * trajectory[best].density)
      best = s;
  return best;
}

}  // namespace

PrimResult prim(const Matrix& x, const std::vector<int>& y, const PrimOptions& options) {
  check_inputs(x, y, options);
  std::size_t total_cases = 0;
  for (const int v : y) total_cases += static_cast<std::size_t>(v);
  if (total_cases == 0)
    throw std::invalid_argument("prim: no point has y = 1, so there is no case to find");

  PrimBox box;
  box.low.assign(x.cols, 0.0);
  box.high.assign(x.cols, 0.0);
  for (std::size_t c = 0; c < x.cols; ++c) {
    box.low[c] = box.high[c] = x(0, c);
    for (std::size_t r = 1; r < x.rows; ++r) {
      box.low[c] = std::min(box.low[c], x(r, c));
      box.high[c] = std::max(box.high[c], x(r, c));
    }
  }
  measure(x, y, total_cases, box);
  const auto min_points =
      static_cast<std::size_t>(std::ceil(options.min_support * static_cast<double>(x.rows) - 1e-9));

  PrimResult result;
  result.trajectory.push_back(box);
  for (;;) {
    const Move peel = best_peel(x, y, box, options.alpha, min_points);
    if (!peel.valid) break;
    apply(box, peel);
    measure(x, y, total_cases, box);
    result.trajectory.push_back(box);
  }

  result.selected = select_step(result.trajectory);
  result.box = result.trajectory[result.selected];
  while (options.paste) {
    const Move paste = best_paste(x, y, result.box, options.alpha);
    if (!paste.valid ||
        static_cast<double>(paste.cases) * static_cast<double>(result.box.points) <=
            static_cast<double>(result.box.cases) * static_cast<double>(paste.points))
      break;
    apply(result.box, paste);
    measure(x, y, total_cases, result.box);
  }

  result.restricted = restrictions(result.box, result.trajectory[0]);
  return result;
}

std::vector<Restriction> restrictions(const PrimBox& box, const PrimBox& whole) {
  if (box.low.size() != whole.low.size() || box.high.size() != whole.high.size())
    throw std::invalid_argument("restrictions: the boxes have " + std::to_string(box.low.size()) +
                                " and " + std::to_string(whole.low.size()) + " inputs");
  std::vector<Restriction> out;
  for (std::size_t c = 0; c < box.low.size(); ++c) {
    const Restriction r{c, box.low[c], box.high[c], box.low[c] > whole.low[c],
                        box.high[c] < whole.high[c]};
    if (r.low_restricted || r.high_restricted) out.push_back(r);
  }
  return out;
}

}  // namespace samen::uncertainty
