// Run files: the HDF5 outputs of `samen run` and `samen batch`, written and
// read in one place (layout: docs/outputs.md).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "samen/io/hdf5.hpp"

namespace samen {

/// Who made a run file and how: its root attributes.
struct RunHeader {
  std::string scenario;
  std::string config;  ///< the resolved configuration as INI text
  std::uint32_t seed = 0;
  std::uint32_t first_replicate = 0;
  std::uint32_t replicates = 0;
  std::uint32_t weeks = 0;
  std::uint32_t burn_in_weeks = 0;
  std::string command_line;
  std::string source_revision;  ///< read back only; written from the build's revision
  std::string label;            ///< name for figures and reports; "" writes `scenario`
  /// SHA-256 of the survey targets file's content; "" writes no input digest.
  std::string targets_sha256;
  /// Read back only: the digest of every input (input_digest()), "" in files
  /// written before digests existed.
  std::string inputs_sha256;
  /// The calibration file whose posterior draws the replicates ran under
  /// (--posterior): its path as given and its content's SHA-256 ("": none),
  /// and K, the number of draws (replicate r ran under draw r mod K). Both
  /// enter the input digest when set.
  std::string posterior_path;
  std::string posterior_sha256;
  std::uint32_t posterior_draws = 0;
};

/// The posterior draw each replicate of a run file ran under: /posterior.
struct PosteriorRecord {
  std::vector<std::string> names;      ///< the calibrated keys
  std::vector<std::int32_t> draw;      ///< per replicate, the draw (r mod K)
  std::vector<std::int32_t> particle;  ///< per replicate, the posterior particle drawn
  std::vector<double> values;          ///< [replicate][key], row-major: the values run
  bool empty() const { return names.empty(); }
};

/// SHA-256 over everything that determines a result: the resolved
/// configuration, the targets file's content (by its digest), samen's source
/// revision `revision`, the seed and the replicates.
std::string input_digest(const RunHeader& header, const std::string& revision);

/// SHA-256 of a file's content; throws std::runtime_error naming an unreadable file.
std::string file_sha256(const std::string& path);

/// Why a stored result does not match what would be computed now, in words
/// ("targets file changed", "configuration changed: run.weeks", ...), or "" when
/// its inputs digest matches `now` (written by this build).
std::string why_different(const RunHeader& stored, const RunHeader& now);

/// Writes the header as root attributes (plus version, revision, time and,
/// when header.targets_sha256 is set, the input digest).
void write_run_header(h5::File& file, const RunHeader& header);

/// Writes /posterior (names, draw, particle, values [replicate][key]) unless
/// `record` is empty.
void write_posterior_record(h5::File& file, const PosteriorRecord& record);

/// Reads only the header of a run file (no outcomes); throws h5::Error like
/// read_run_file.
RunHeader read_run_header(const std::string& path);

/// Writes /outcomes/<name> matrices [replicate][week] from `values`, which
/// holds per outcome (registry order) the replicates' weeks one after another.
void write_outcomes(h5::File& file, const std::vector<std::vector<double>>& values,
                    std::uint32_t replicates, std::uint32_t weeks);

/// A run file read back.
struct RunFile {
  std::string path;
  RunHeader header;
  std::map<std::string, h5::Matrix> outcomes;  ///< by name, [replicate][week]
  PosteriorRecord posterior;                   ///< empty when run without --posterior
};

/// Reads a run file; throws h5::Error naming the file and what is missing or
/// inconsistent (e.g. an outcome whose shape does not match the header).
RunFile read_run_file(const std::string& path);

}  // namespace samen
