// RAII layer over the HDF5 C API: atomically written files, groups, 1-D/2-D datasets and
// attributes, with standard types that h5py and rhdf5 read natively.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "samen/io/output_guard.hpp"

namespace samen::h5 {

/// Every failure in this module; the message names the file and, where one is
/// involved, the object path, e.g. "HDF5 file 'out.h5': cannot open dataset '/a/b'".
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Owns one HDF5 identifier and closes it with the matching H5*close call.
class Handle {
 public:
  Handle() noexcept = default;
  explicit Handle(hid_t id) noexcept : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(other.release()) {}
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const noexcept { return id_; }
  bool valid() const noexcept;
  /// Gives up ownership without closing.
  hid_t release() noexcept;
  /// Closes the current id (if still open) and takes ownership of `id`.
  void reset(hid_t id = H5I_INVALID_HID) noexcept;
  /// Closes the current id, reporting whether HDF5 succeeded (closing a file
  /// flushes it, so its failure matters).
  bool close() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
};

/// A 2-D dataset read back with its shape; `values` is row-major.
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> values;
};

/// Anything that carries attributes: the root group of a file, a group or a dataset.
/// Groups and datasets must not outlive their File: closing the file closes them.
class Object {
 public:
  virtual ~Object() = default;

  /// Path of the file as given by the caller (not its temporary name).
  const std::string& file_path() const noexcept { return file_path_; }
  /// Absolute path of this object inside the file, "/" for the root group.
  const std::string& object_path() const noexcept { return object_path_; }
  hid_t id() const noexcept { return handle_.get(); }

  /// Sets a scalar attribute, replacing any existing attribute of that name.
  /// Strings are stored as variable-length UTF-8.
  void set_attr(const std::string& name, const std::string& value);
  void set_attr(const std::string& name, const char* value) { set_attr(name, std::string(value)); }
  void set_attr(const std::string& name, double value);
  void set_attr(const std::string& name, std::int64_t value);
  /// Other integer types are stored as int64 (without this, `int` would be ambiguous).
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                             !std::is_same_v<T, std::int64_t>,
                                         int> = 0>
  void set_attr(const std::string& name, T value) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      if (value > static_cast<T>(std::numeric_limits<std::int64_t>::max())) {
        throw_int64_overflow(name);
      }
    }
    set_attr(name, static_cast<std::int64_t>(value));
  }
  /// Refused so a stray pointer or flag is not silently stored; store 0/1 instead.
  void set_attr(const std::string& name, bool value) = delete;

  bool has_attr(const std::string& name) const;
  /// Reads a string attribute (variable- or fixed-length); throws if it is numeric.
  std::string get_attr_string(const std::string& name) const;
  /// Reads a numeric attribute, converting as HDF5 does; throws if it is a string.
  double get_attr_double(const std::string& name) const;
  std::int64_t get_attr_int64(const std::string& name) const;
  /// Attribute names in name order.
  std::vector<std::string> attr_names() const;

 protected:
  Object(Handle handle, std::string file_path, std::string object_path);
  // Protected so a File cannot be sliced into a bare Object or Node by moving.
  Object(Object&&) noexcept = default;
  Object& operator=(Object&&) noexcept = default;
  /// Absolute object path of `relpath` resolved against this object.
  std::string child_path(const std::string& relpath) const;
  /// "HDF5 file '<file>': <what>".
  std::string describe(const std::string& what) const;
  [[noreturn]] void fail(const std::string& what) const;
  /// Throws unless this object is still open; also silences HDF5's error printing.
  void require_open() const;
  /// " (file is open read-only)" when that explains a failed write, else "".
  std::string write_hint() const;

  Handle handle_;
  std::string file_path_;
  std::string object_path_;

 private:
  [[noreturn]] void throw_int64_overflow(const std::string& name) const;
  void write_attr(const std::string& name, hid_t file_type, hid_t mem_type, const void* buf);
  Handle open_attr(const std::string& name) const;
  template <typename T>
  T read_numeric_attr(const std::string& name, hid_t mem_type) const;
};

/// A dataset opened or just written; use it to add or read attributes.
class Dataset : public Object {
 public:
  /// Extent of each dimension.
  std::vector<hsize_t> shape() const;

 private:
  friend class Node;
  Dataset(Handle handle, std::string file_path, std::string object_path)
      : Object(std::move(handle), std::move(file_path), std::move(object_path)) {}
};

class Group;

/// A group or the root group of a file: holds links to groups and datasets. Relative
/// paths may contain '/' and resolve against this group; paths starting with '/'
/// resolve against the root of the file.
class Node : public Object {
 public:
  /// Creates a group, creating missing intermediate groups; throws if it exists.
  Group create_group(const std::string& relpath);
  Group open_group(const std::string& relpath) const;
  /// Opens the group if it exists, otherwise creates it.
  Group require_group(const std::string& relpath);
  /// True when every link along `relpath` exists (false rather than throwing when an
  /// intermediate component is missing or is not a group).
  bool exists(const std::string& relpath) const;
  /// Names of the links in this group, in name order.
  std::vector<std::string> children() const;

  /// Writes a 1-D dataset (throws if `name` exists). Vectors of 4096 or more
  /// numbers are stored chunked with shuffle + deflate level 4.
  Dataset write(const std::string& name, const std::vector<double>& values);
  Dataset write(const std::string& name, const std::vector<std::int32_t>& values);
  Dataset write(const std::string& name, const std::vector<std::int64_t>& values);
  Dataset write(const std::string& name, const std::vector<std::uint8_t>& values);
  /// Variable-length UTF-8 strings (h5py reads them as str).
  Dataset write(const std::string& name, const std::vector<std::string>& values);
  /// Writes a rows x cols dataset of doubles from row-major `values`; compressed like
  /// vectors when it holds 4096 or more values.
  Dataset write_matrix(const std::string& name, std::size_t rows, std::size_t cols,
                       const std::vector<double>& values);

  Dataset open_dataset(const std::string& name) const;
  std::vector<hsize_t> shape(const std::string& name) const;

  /// Reads a 1-D numeric dataset, converting from the stored numeric type as HDF5
  /// does; throws for string datasets and for other ranks.
  std::vector<double> read_doubles(const std::string& name) const;
  std::vector<std::int32_t> read_int32(const std::string& name) const;
  std::vector<std::int64_t> read_int64(const std::string& name) const;
  std::vector<std::uint8_t> read_uint8(const std::string& name) const;
  /// Reads a 1-D string dataset (variable- or fixed-length).
  std::vector<std::string> read_strings(const std::string& name) const;
  /// Reads a 2-D numeric dataset as doubles.
  Matrix read_matrix(const std::string& name) const;

 protected:
  Node(Handle handle, std::string file_path, std::string object_path)
      : Object(std::move(handle), std::move(file_path), std::move(object_path)) {}
  Node(Node&&) noexcept = default;
  Node& operator=(Node&&) noexcept = default;

 private:
  Group make_group(const std::string& relpath, bool must_create);
  Handle create_dataset(const std::string& name, hid_t file_type, const std::vector<hsize_t>& dims,
                        std::size_t element_size, bool compressible);
  Handle open_dataset_handle(const std::string& name) const;
  /// Opens a dataset and checks its rank and element class (numeric or string).
  Handle open_checked(const std::string& name, int rank, bool want_strings,
                      std::vector<hsize_t>& dims) const;
  template <typename T>
  Dataset write_numeric(const std::string& name, const std::vector<T>& values);
  template <typename T>
  std::vector<T> read_numeric(const std::string& name) const;
};

class Group : public Node {
 private:
  friend class Node;
  Group(Handle handle, std::string file_path, std::string object_path)
      : Node(std::move(handle), std::move(file_path), std::move(object_path)) {}
};

/// An open HDF5 file; as a Node it is the root group. Not for concurrent use from
/// several threads.
class File : public Node {
 public:
  /// Creates (or truncates) `path + ".tmp"`; commit() renames it over `path`, so
  /// readers never see a half-written file and an existing `path` is replaced only
  /// on commit. Destroying an uncommitted File removes the temporary file. First
  /// checks `path` (check_output_path: throws OutputError for a folder, link,
  /// device or non-HDF5 file) and locks it (OutputLock) until commit, so a second
  /// process writing the same path fails at once.
  static File create_atomic(const std::string& path);
  /// Opens an existing HDF5 file read-only.
  static File open_read(const std::string& path);
  /// Opens an existing HDF5 file for reading and writing in place.
  static File open_rw(const std::string& path);

  File(File&& other) noexcept;
  File& operator=(File&& other) noexcept;
  ~File() override;

  const std::string& path() const noexcept { return file_path_; }
  /// Name being written until commit (create_atomic only), otherwise empty.
  const std::string& temp_path() const noexcept { return temp_path_; }

  /// Flushes and closes the file and, for create_atomic, renames the temporary file
  /// over path(). Groups and datasets still held become invalid. The File is closed
  /// afterwards.
  void commit();
  /// Flushes buffered data to disk without closing.
  void flush();

 private:
  File(Handle handle, std::string path, std::string temp_path);
  static File open(const std::string& path, unsigned flags);
  void discard() noexcept;

  std::string temp_path_;
  OutputLock lock_;  ///< create_atomic: held from before the temporary is made until commit
};

}  // namespace samen::h5
