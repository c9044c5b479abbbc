#include "samen/io/hdf5.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "samen/io/output_guard.hpp"

namespace samen::h5 {

namespace {

namespace fs = std::filesystem;

// Vectors at least this long are chunked and compressed.
constexpr std::size_t kCompressThreshold = 4096;
// Target chunk size: big enough for good deflate ratios, well inside the 1 MiB chunk cache.
constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr unsigned kDeflateLevel = 4;

// HDF5 1.10 keeps the id of a file whose close failed (a full disk: the close
// flushes) registered while it frees the file's memory; its own clean-up at
// exit would close that id again and crash (HDFGroup/hdf5#2291). So the
// library is closed at exit by us, and only when no file close failed.
std::atomic<bool> file_close_failed{false};

void close_library_at_exit() {
  if (!file_close_failed) H5close();
}

// At static initialisation, before anything can open the library (even the
// H5F_ACC_* macros open it).
[[maybe_unused]] const bool library_closed_at_exit_by_us = [] {
  H5dont_atexit();
  std::atexit(close_library_at_exit);
  return true;
}();

// The library is built thread-safe, which makes the error-printing setting per thread;
// so every entry point calls this rather than relying on one global call.
void silence_hdf5_errors() {
  thread_local bool silenced = false;
  if (!silenced) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
  }
}

[[noreturn]] void raise(const std::string& file_path, const std::string& what) {
  throw Error("HDF5 file '" + file_path + "': " + what);
}

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

// HDF5 reports a failed write of its file driver as "... errno = 28, error
// message = '...'" on its error stack; this turns the errno of the latest
// failure into words, so a full disk says so. Must run right after the failed
// call: any further HDF5 call clears the stack.
herr_t find_errno(unsigned, const H5E_error2_t* error, void* data) {
  if (error->desc == nullptr) return 0;
  const char* at = std::strstr(error->desc, "errno = ");
  if (at != nullptr) *static_cast<int*>(data) = std::atoi(at + 8);
  return 0;
}

std::string system_error_text() {
  int error = 0;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, find_errno, &error);
  if (error == 0) return "";
  std::string text = std::string(": ") + std::strerror(error);
  if (error == ENOSPC) text += " (the disk is full)";
  if (error == EFBIG) text += " (the file reached the size limit of this process or file system)";
  if (error == EDQUOT) text += " (the disk quota is used up)";
  return text;
}

bool deflate_available() {
  static const bool available = [] {
    if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0) return false;
    unsigned int flags = 0;
    if (H5Zget_filter_info(H5Z_FILTER_DEFLATE, &flags) < 0) return false;
    return (flags & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0;
  }();
  return available;
}

// Variable-length UTF-8 C string, the type h5py maps to str and rhdf5 to character.
Handle vlen_string_type() {
  Handle type(H5Tcopy(H5T_C_S1));
  if (!type.valid() || H5Tset_size(type.get(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0) {
    throw Error("HDF5: cannot create the variable-length string type");
  }
  return type;
}

// Link creation properties: create missing parent groups, UTF-8 link names.
Handle link_create_plist() {
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE));
  if (!lcpl.valid() || H5Pset_create_intermediate_group(lcpl.get(), 1) < 0 ||
      H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8) < 0) {
    throw Error("HDF5: cannot create a link creation property list");
  }
  return lcpl;
}

std::string normalize_path(const std::string& path) {
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (!part.empty() && part != ".") out += "/" + part;
    start = end + 1;
  }
  return out.empty() ? "/" : out;
}

// Frees the strings HDF5 allocated for a variable-length read.
void reclaim_vlen(hid_t type, hid_t space, void* buf) {
#if H5_VERSION_GE(1, 12, 0)
  H5Treclaim(type, space, H5P_DEFAULT, buf);
#else
  H5Dvlen_reclaim(type, space, H5P_DEFAULT, buf);
#endif
}

// Reads all strings of a dataset or attribute whose stored type is `file_type`.
// Returns false if HDF5 fails; variable- and fixed-length strings are both accepted.
bool read_string_values(hid_t obj, bool is_attr, hid_t file_type, hid_t space, std::size_t n,
                        std::vector<std::string>& out) {
  auto do_read = [&](hid_t mem_type, void* buf) {
    return is_attr ? H5Aread(obj, mem_type, buf)
                   : H5Dread(obj, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  };
  // Converting between ASCII and UTF-8 strings is unsupported, so match the stored cset.
  const H5T_cset_t cset = H5Tget_cset(file_type);
  out.assign(n, std::string());
  if (n == 0) return true;
  const htri_t is_vlen = H5Tis_variable_str(file_type);
  if (is_vlen < 0 || cset < 0) return false;
  if (is_vlen > 0) {
    Handle mem_type(H5Tcopy(H5T_C_S1));
    if (!mem_type.valid() || H5Tset_size(mem_type.get(), H5T_VARIABLE) < 0 ||
        H5Tset_cset(mem_type.get(), cset) < 0) {
      return false;
    }
    std::vector<char*> buf(n, nullptr);
    const bool ok = do_read(mem_type.get(), buf.data()) >= 0;
    if (ok) {
      for (std::size_t i = 0; i < n; ++i) {
        if (buf[i] != nullptr) out[i] = buf[i];
      }
    }
    reclaim_vlen(mem_type.get(), space, buf.data());
    return ok;
  }
  const std::size_t size = H5Tget_size(file_type);
  if (size == 0) return false;
  Handle mem_type(H5Tcopy(H5T_C_S1));
  if (!mem_type.valid() || H5Tset_size(mem_type.get(), size) < 0 ||
      H5Tset_cset(mem_type.get(), cset) < 0 || H5Tset_strpad(mem_type.get(), H5T_STR_NULLPAD) < 0) {
    return false;
  }
  std::vector<char> buf(n * size, '\0');
  if (do_read(mem_type.get(), buf.data()) < 0) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const char* begin = buf.data() + i * size;
    out[i].assign(begin, std::find(begin, begin + size, '\0'));
  }
  return true;
}

const char* class_name(H5T_class_t cls) {
  switch (cls) {
    case H5T_INTEGER:
      return "integers";
    case H5T_FLOAT:
      return "floating-point numbers";
    case H5T_STRING:
      return "strings";
    case H5T_COMPOUND:
      return "compound values";
    case H5T_ENUM:
      return "enum values";
    case H5T_ARRAY:
      return "arrays";
    case H5T_VLEN:
      return "variable-length sequences";
    default:
      return "values of an unsupported type";
  }
}

bool is_numeric(H5T_class_t cls) { return cls == H5T_INTEGER || cls == H5T_FLOAT; }

// Stored (little-endian, as most readers expect) and in-memory types per element type.
template <typename T>
struct TypeOf;
template <>
struct TypeOf<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t mem() { return H5T_NATIVE_DOUBLE; }
};
template <>
struct TypeOf<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t mem() { return H5T_NATIVE_INT32; }
};
template <>
struct TypeOf<std::int64_t> {
  static hid_t file() { return H5T_STD_I64LE; }
  static hid_t mem() { return H5T_NATIVE_INT64; }
};
template <>
struct TypeOf<std::uint8_t> {
  static hid_t file() { return H5T_STD_U8LE; }
  static hid_t mem() { return H5T_NATIVE_UINT8; }
};

// C callbacks must not let exceptions escape into HDF5.
herr_t collect_link_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  try {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}

herr_t collect_attr_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  try {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}

// Dataset creation shared by all writers; `chunk` is empty for contiguous layout.
struct Layout {
  std::vector<hsize_t> dims;
  std::vector<hsize_t> chunk;
  bool compress = false;
};

Layout plan_layout(std::vector<hsize_t> dims, std::size_t element_size, bool compressible) {
  Layout layout;
  layout.dims = std::move(dims);
  hsize_t total = 1;
  for (hsize_t d : layout.dims) total *= d;
  if (!compressible || total < kCompressThreshold || !deflate_available()) return layout;
  layout.compress = true;
  const hsize_t target = std::max<hsize_t>(1, kChunkBytes / element_size);
  if (layout.dims.size() == 1) {
    layout.chunk = {std::min(layout.dims[0], target)};
  } else {
    const hsize_t rows = layout.dims[0];
    const hsize_t cols = layout.dims[1];
    if (cols >= target) {
      layout.chunk = {1, target};
    } else {
      layout.chunk = {std::min(rows, std::max<hsize_t>(1, target / cols)), cols};
    }
  }
  return layout;
}

}  // namespace

// ---- Handle -------------------------------------------------------------------------------

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

bool Handle::valid() const noexcept { return id_ >= 0 && H5Iis_valid(id_) > 0; }

hid_t Handle::release() noexcept {
  const hid_t id = id_;
  id_ = H5I_INVALID_HID;
  return id;
}

void Handle::reset(hid_t id) noexcept {
  close();
  id_ = id;
}

bool Handle::close() noexcept {
  // An id may already be closed, e.g. by closing its file with H5F_CLOSE_STRONG.
  if (!valid()) {
    id_ = H5I_INVALID_HID;
    return true;
  }
  herr_t status = -1;
  switch (H5Iget_type(id_)) {
    case H5I_FILE:
      status = H5Fclose(id_);
      // The id now points at freed memory: never touch it again (see above).
      if (status < 0) file_close_failed = true;
      break;
    case H5I_GROUP:
      status = H5Gclose(id_);
      break;
    case H5I_DATASET:
      status = H5Dclose(id_);
      break;
    case H5I_ATTR:
      status = H5Aclose(id_);
      break;
    case H5I_DATATYPE:
      status = H5Tclose(id_);
      break;
    case H5I_DATASPACE:
      status = H5Sclose(id_);
      break;
    case H5I_GENPROP_LST:
      status = H5Pclose(id_);
      break;
    default:
      status = H5Idec_ref(id_);
      break;
  }
  id_ = H5I_INVALID_HID;
  return status >= 0;
}

// ---- Object -------------------------------------------------------------------------------

Object::Object(Handle handle, std::string file_path, std::string object_path)
    : handle_(std::move(handle)),
      file_path_(std::move(file_path)),
      object_path_(std::move(object_path)) {}

std::string Object::child_path(const std::string& relpath) const {
  if (!relpath.empty() && relpath.front() == '/') return normalize_path(relpath);
  return normalize_path(object_path_ + "/" + relpath);
}

std::string Object::describe(const std::string& what) const {
  return "HDF5 file '" + file_path_ + "': " + what;
}

void Object::fail(const std::string& what) const {
  throw Error(describe(what + system_error_text()));
}

void Object::require_open() const {
  silence_hdf5_errors();
  if (!handle_.valid()) {
    fail(in_quotes(object_path_) + " is not open (its file was closed or committed)");
  }
}

void Object::throw_int64_overflow(const std::string& name) const {
  fail("cannot write attribute " + in_quotes(name) + " on " + in_quotes(object_path_) +
       ": value does not fit in int64");
}

std::string Object::write_hint() const {
  const std::string system = system_error_text();  // before the calls below clear it
  if (!system.empty()) return system;
  Handle file(H5Iget_file_id(handle_.get()));
  unsigned intent = 0;
  if (file.valid() && H5Fget_intent(file.get(), &intent) >= 0 && (intent & H5F_ACC_RDWR) == 0) {
    return " (file is open read-only)";
  }
  return "";
}

void Object::write_attr(const std::string& name, hid_t file_type, hid_t mem_type, const void* buf) {
  require_open();
  const std::string what =
      "cannot write attribute " + in_quotes(name) + " on " + in_quotes(object_path_);
  if (name.empty()) fail(what + ": empty attribute name");
  const hid_t id = handle_.get();
  // HDF5 cannot overwrite an attribute in place with another type, so replace it.
  const htri_t present = H5Aexists(id, name.c_str());
  if (present < 0 || (present > 0 && H5Adelete(id, name.c_str()) < 0)) fail(what + write_hint());
  Handle space(H5Screate(H5S_SCALAR));
  if (!space.valid()) fail(what);
  Handle attr(H5Acreate2(id, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT));
  if (!attr.valid()) fail(what + write_hint());
  if (H5Awrite(attr.get(), mem_type, buf) < 0) fail(what);
}

void Object::set_attr(const std::string& name, const std::string& value) {
  if (value.find('\0') != std::string::npos) {
    fail("cannot write attribute " + in_quotes(name) + " on " + in_quotes(object_path_) +
         ": string contains a NUL character");
  }
  Handle type = vlen_string_type();
  const char* ptr = value.c_str();
  write_attr(name, type.get(), type.get(), &ptr);
}

void Object::set_attr(const std::string& name, double value) {
  write_attr(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void Object::set_attr(const std::string& name, std::int64_t value) {
  write_attr(name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

bool Object::has_attr(const std::string& name) const {
  require_open();
  const htri_t present = H5Aexists(handle_.get(), name.c_str());
  if (present < 0)
    fail("cannot look up attribute " + in_quotes(name) + " on " + in_quotes(object_path_));
  return present > 0;
}

Handle Object::open_attr(const std::string& name) const {
  if (!has_attr(name)) fail("no attribute " + in_quotes(name) + " on " + in_quotes(object_path_));
  Handle attr(H5Aopen(handle_.get(), name.c_str(), H5P_DEFAULT));
  if (!attr.valid()) {
    fail("cannot open attribute " + in_quotes(name) + " on " + in_quotes(object_path_));
  }
  return attr;
}

std::string Object::get_attr_string(const std::string& name) const {
  Handle attr = open_attr(name);
  const std::string what = "attribute " + in_quotes(name) + " on " + in_quotes(object_path_);
  Handle type(H5Aget_type(attr.get()));
  Handle space(H5Aget_space(attr.get()));
  if (!type.valid() || !space.valid()) fail("cannot read " + what);
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_STRING) fail(what + " holds " + class_name(cls) + ", not a string");
  if (H5Sget_simple_extent_npoints(space.get()) != 1) fail(what + " is not a single string");
  std::vector<std::string> values;
  if (!read_string_values(attr.get(), true, type.get(), space.get(), 1, values)) {
    fail("cannot read " + what);
  }
  return values.front();
}

template <typename T>
T Object::read_numeric_attr(const std::string& name, hid_t mem_type) const {
  Handle attr = open_attr(name);
  const std::string what = "attribute " + in_quotes(name) + " on " + in_quotes(object_path_);
  Handle type(H5Aget_type(attr.get()));
  Handle space(H5Aget_space(attr.get()));
  if (!type.valid() || !space.valid()) fail("cannot read " + what);
  const H5T_class_t cls = H5Tget_class(type.get());
  if (!is_numeric(cls)) fail(what + " holds " + class_name(cls) + ", not a number");
  if (H5Sget_simple_extent_npoints(space.get()) != 1) fail(what + " is not a single number");
  T value{};
  if (H5Aread(attr.get(), mem_type, &value) < 0) fail("cannot read " + what);
  return value;
}

double Object::get_attr_double(const std::string& name) const {
  return read_numeric_attr<double>(name, H5T_NATIVE_DOUBLE);
}

std::int64_t Object::get_attr_int64(const std::string& name) const {
  return read_numeric_attr<std::int64_t>(name, H5T_NATIVE_INT64);
}

std::vector<std::string> Object::attr_names() const {
  require_open();
  std::vector<std::string> names;
  if (H5Aiterate2(handle_.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attr_name, &names) <
      0) {
    fail("cannot list the attributes of " + in_quotes(object_path_));
  }
  return names;
}

// ---- Dataset ------------------------------------------------------------------------------

namespace {

std::vector<hsize_t> extent(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) return {};
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0) return {};
  return dims;
}

}  // namespace

std::vector<hsize_t> Dataset::shape() const {
  require_open();
  Handle space(H5Dget_space(handle_.get()));
  if (!space.valid()) fail("cannot read the shape of dataset " + in_quotes(object_path_));
  return extent(space.get());
}

// ---- Node ---------------------------------------------------------------------------------

Group Node::make_group(const std::string& relpath, bool must_create) {
  require_open();
  const std::string path = child_path(relpath);
  if (!must_create && exists(relpath)) return open_group(relpath);
  if (relpath.empty() || path == "/") fail("cannot create group " + in_quotes(path));
  if (exists(relpath)) fail("cannot create group " + in_quotes(path) + ": it already exists");
  Handle lcpl = link_create_plist();
  // No timestamps, so identical runs write byte-identical files.
  Handle gcpl(H5Pcreate(H5P_GROUP_CREATE));
  if (!gcpl.valid() || H5Pset_obj_track_times(gcpl.get(), 0) < 0) {
    fail("cannot create group " + in_quotes(path));
  }
  Handle group(H5Gcreate2(handle_.get(), relpath.c_str(), lcpl.get(), gcpl.get(), H5P_DEFAULT));
  if (!group.valid()) fail("cannot create group " + in_quotes(path) + write_hint());
  return Group(std::move(group), file_path_, path);
}

Group Node::create_group(const std::string& relpath) { return make_group(relpath, true); }

Group Node::require_group(const std::string& relpath) { return make_group(relpath, false); }

Group Node::open_group(const std::string& relpath) const {
  require_open();
  const std::string path = child_path(relpath);
  if (!exists(relpath)) fail("cannot open group " + in_quotes(path) + ": no such object");
  // H5Oopen works for any object type, which lets us say what it is instead.
  Handle obj(H5Oopen(handle_.get(), relpath.empty() ? "." : relpath.c_str(), H5P_DEFAULT));
  if (!obj.valid()) fail("cannot open group " + in_quotes(path));
  if (H5Iget_type(obj.get()) != H5I_GROUP)
    fail("cannot open group " + in_quotes(path) + ": not a group");
  return Group(std::move(obj), file_path_, path);
}

bool Node::exists(const std::string& relpath) const {
  require_open();
  // H5Lexists only checks the last component, so walk the path one link at a time.
  std::string prefix = (!relpath.empty() && relpath.front() == '/') ? "/" : "";
  std::size_t start = 0;
  while (start <= relpath.size()) {
    std::size_t end = relpath.find('/', start);
    if (end == std::string::npos) end = relpath.size();
    const std::string part = relpath.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    prefix += part;
    // Negative means HDF5 could not traverse, e.g. through a dataset: report absent.
    if (H5Lexists(handle_.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return true;
}

std::vector<std::string> Node::children() const {
  require_open();
  std::vector<std::string> names;
  if (H5Literate(handle_.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_link_name, &names) <
      0) {
    fail("cannot list the members of group " + in_quotes(object_path_));
  }
  return names;
}

Handle Node::create_dataset(const std::string& name, hid_t file_type,
                            const std::vector<hsize_t>& dims, std::size_t element_size,
                            bool compressible) {
  require_open();
  const std::string path = child_path(name);
  const std::string what = "cannot create dataset " + in_quotes(path);
  if (name.empty() || path == "/") fail(what + ": empty name");
  if (exists(name)) fail(what + ": it already exists");
  const Layout layout = plan_layout(dims, element_size, compressible);
  Handle space(H5Screate_simple(static_cast<int>(layout.dims.size()), layout.dims.data(), nullptr));
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  if (!space.valid() || !dcpl.valid() || H5Pset_obj_track_times(dcpl.get(), 0) < 0) fail(what);
  if (layout.compress) {
    if (H5Pset_chunk(dcpl.get(), static_cast<int>(layout.chunk.size()), layout.chunk.data()) < 0 ||
        H5Pset_shuffle(dcpl.get()) < 0 || H5Pset_deflate(dcpl.get(), kDeflateLevel) < 0) {
      fail(what + ": cannot set up compression");
    }
  }
  Handle lcpl = link_create_plist();
  Handle dataset(H5Dcreate2(handle_.get(), name.c_str(), file_type, space.get(), lcpl.get(),
                            dcpl.get(), H5P_DEFAULT));
  if (!dataset.valid()) fail(what + write_hint());
  return dataset;
}

template <typename T>
Dataset Node::write_numeric(const std::string& name, const std::vector<T>& values) {
  Handle dataset = create_dataset(name, TypeOf<T>::file(), {static_cast<hsize_t>(values.size())},
                                  sizeof(T), true);
  if (!values.empty() &&
      H5Dwrite(dataset.get(), TypeOf<T>::mem(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    fail("cannot write dataset " + in_quotes(child_path(name)));
  }
  return Dataset(std::move(dataset), file_path_, child_path(name));
}

Dataset Node::write(const std::string& name, const std::vector<double>& values) {
  return write_numeric(name, values);
}

Dataset Node::write(const std::string& name, const std::vector<std::int32_t>& values) {
  return write_numeric(name, values);
}

Dataset Node::write(const std::string& name, const std::vector<std::int64_t>& values) {
  return write_numeric(name, values);
}

Dataset Node::write(const std::string& name, const std::vector<std::uint8_t>& values) {
  return write_numeric(name, values);
}

Dataset Node::write(const std::string& name, const std::vector<std::string>& values) {
  require_open();
  const std::string path = child_path(name);
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    // HDF5 C strings end at the first NUL; refuse rather than silently truncate.
    if (values[i].find('\0') != std::string::npos) {
      fail("cannot write dataset " + in_quotes(path) + ": string " + std::to_string(i) +
           " contains a NUL character");
    }
    ptrs.push_back(values[i].c_str());
  }
  Handle type = vlen_string_type();
  // Deflate would only see heap references, not the text, so strings stay uncompressed.
  Handle dataset =
      create_dataset(name, type.get(), {static_cast<hsize_t>(values.size())}, sizeof(char*), false);
  if (!values.empty() &&
      H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0) {
    fail("cannot write dataset " + in_quotes(path));
  }
  return Dataset(std::move(dataset), file_path_, path);
}

Dataset Node::write_matrix(const std::string& name, std::size_t rows, std::size_t cols,
                           const std::vector<double>& values) {
  require_open();
  const std::string path = child_path(name);
  if (values.size() != rows * cols) {
    fail("cannot write dataset " + in_quotes(path) + ": " + std::to_string(values.size()) +
         " values given for a " + std::to_string(rows) + " x " + std::to_string(cols) + " matrix");
  }
  Handle dataset =
      create_dataset(name, H5T_IEEE_F64LE, {static_cast<hsize_t>(rows), static_cast<hsize_t>(cols)},
                     sizeof(double), true);
  if (!values.empty() && H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                                  values.data()) < 0) {
    fail("cannot write dataset " + in_quotes(path));
  }
  return Dataset(std::move(dataset), file_path_, path);
}

Handle Node::open_dataset_handle(const std::string& name) const {
  require_open();
  const std::string path = child_path(name);
  if (!exists(name)) fail("cannot open dataset " + in_quotes(path) + ": no such object");
  Handle obj(H5Oopen(handle_.get(), name.c_str(), H5P_DEFAULT));
  if (!obj.valid()) fail("cannot open dataset " + in_quotes(path));
  if (H5Iget_type(obj.get()) != H5I_DATASET) {
    fail("cannot open dataset " + in_quotes(path) + ": not a dataset");
  }
  return obj;
}

Dataset Node::open_dataset(const std::string& name) const {
  Handle dataset = open_dataset_handle(name);
  return Dataset(std::move(dataset), file_path_, child_path(name));
}

std::vector<hsize_t> Node::shape(const std::string& name) const {
  return open_dataset(name).shape();
}

Handle Node::open_checked(const std::string& name, int rank, bool want_strings,
                          std::vector<hsize_t>& dims) const {
  Handle dataset = open_dataset_handle(name);
  const std::string what = "dataset " + in_quotes(child_path(name));
  Handle type(H5Dget_type(dataset.get()));
  Handle space(H5Dget_space(dataset.get()));
  if (!type.valid() || !space.valid()) fail("cannot read " + what);
  const H5T_class_t cls = H5Tget_class(type.get());
  if (want_strings && cls != H5T_STRING) {
    fail(what + " holds " + class_name(cls) + ", not strings");
  }
  if (!want_strings && !is_numeric(cls)) {
    fail(what + " holds " + class_name(cls) + ", not numbers");
  }
  dims = extent(space.get());
  if (dims.size() != static_cast<std::size_t>(rank)) {
    fail(what + " has " + std::to_string(dims.size()) + " dimension(s), expected " +
         std::to_string(rank));
  }
  return dataset;
}

template <typename T>
std::vector<T> Node::read_numeric(const std::string& name) const {
  std::vector<hsize_t> dims;
  Handle dataset = open_checked(name, 1, false, dims);
  std::vector<T> values(static_cast<std::size_t>(dims[0]));
  // HDF5 converts from the stored numeric type to T (clamping out-of-range values).
  if (!values.empty() &&
      H5Dread(dataset.get(), TypeOf<T>::mem(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    fail("cannot read dataset " + in_quotes(child_path(name)));
  }
  return values;
}

std::vector<double> Node::read_doubles(const std::string& name) const {
  return read_numeric<double>(name);
}

std::vector<std::int32_t> Node::read_int32(const std::string& name) const {
  return read_numeric<std::int32_t>(name);
}

std::vector<std::int64_t> Node::read_int64(const std::string& name) const {
  return read_numeric<std::int64_t>(name);
}

std::vector<std::uint8_t> Node::read_uint8(const std::string& name) const {
  return read_numeric<std::uint8_t>(name);
}

std::vector<std::string> Node::read_strings(const std::string& name) const {
  std::vector<hsize_t> dims;
  Handle dataset = open_checked(name, 1, true, dims);
  Handle type(H5Dget_type(dataset.get()));
  Handle space(H5Dget_space(dataset.get()));
  std::vector<std::string> values;
  if (!type.valid() || !space.valid() ||
      !read_string_values(dataset.get(), false, type.get(), space.get(),
                          static_cast<std::size_t>(dims[0]), values)) {
    fail("cannot read dataset " + in_quotes(child_path(name)));
  }
  return values;
}

Matrix Node::read_matrix(const std::string& name) const {
  std::vector<hsize_t> dims;
  Handle dataset = open_checked(name, 2, false, dims);
  Matrix m;
  m.rows = static_cast<std::size_t>(dims[0]);
  m.cols = static_cast<std::size_t>(dims[1]);
  m.values.resize(m.rows * m.cols);
  if (!m.values.empty() && H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                                   m.values.data()) < 0) {
    fail("cannot read dataset " + in_quotes(child_path(name)));
  }
  return m;
}

// ---- File ---------------------------------------------------------------------------------

namespace {

// Closing the file closes every group and dataset still open in it, so commit() really
// has finished writing before the rename.
Handle strong_close_fapl(const std::string& path) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
  if (!fapl.valid() || H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG) < 0) {
    raise(path, "cannot create a file access property list");
  }
  return fapl;
}

}  // namespace

File::File(Handle handle, std::string path, std::string temp_path)
    : Node(std::move(handle), std::move(path), "/"), temp_path_(std::move(temp_path)) {}

File::File(File&& other) noexcept
    : Node(std::move(other)),
      temp_path_(std::exchange(other.temp_path_, std::string())),
      lock_(std::move(other.lock_)) {}

File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    discard();
    Node::operator=(std::move(other));
    temp_path_ = std::exchange(other.temp_path_, std::string());
    lock_ = std::move(other.lock_);
  }
  return *this;
}

File::~File() { discard(); }

void File::discard() noexcept {
  handle_.reset();
  if (!temp_path_.empty()) {
    std::error_code ec;
    fs::remove(temp_path_, ec);
    temp_path_.clear();
  }
  lock_.release();
}

File File::create_atomic(const std::string& path) {
  silence_hdf5_errors();
  if (path.empty()) throw Error("HDF5: cannot create a file with an empty name");
  const std::string temp_path = path + ".tmp";
  const fs::path folder = fs::path(path).parent_path();
  std::error_code folder_ec;
  if (!folder.empty() && !fs::is_directory(folder, folder_ec))
    throw Error("HDF5: cannot create " + in_quotes(path) + ": directory " +
                in_quotes(folder.string()) + " does not exist");
  // Checked and locked before anything is truncated: HDF5 truncates a file
  // before it checks its own lock, so a second writer would wipe the first's.
  check_output_path(path, OutputKind::Hdf5);
  OutputLock lock = OutputLock::file(path);
  std::error_code exists_ec;
  if (fs::exists(temp_path, exists_ec))
    std::cerr << "samen: removing " << in_quotes(temp_path)
              << ", left behind by an interrupted run\n";
  Handle fapl = strong_close_fapl(path);
  Handle file(H5Fcreate(temp_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()));
  if (!file.valid()) {
    std::string reason;
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      reason = ": directory " + in_quotes(parent.string()) + " does not exist";
    } else {
      reason = " (could not write " + in_quotes(temp_path) + ")";
    }
    throw Error("HDF5: cannot create " + in_quotes(path) + reason);
  }
  File result(std::move(file), path, temp_path);
  result.lock_ = std::move(lock);
  return result;
}

File File::open_read(const std::string& path) { return open(path, H5F_ACC_RDONLY); }

File File::open_rw(const std::string& path) { return open(path, H5F_ACC_RDWR); }

File File::open(const std::string& path, unsigned flags) {
  silence_hdf5_errors();
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error("HDF5: cannot open " + in_quotes(path) + ": no such file");
  if (fs::is_directory(path, ec)) {
    throw Error("HDF5: cannot open " + in_quotes(path) + ": it is a directory");
  }
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw Error("HDF5: " + in_quotes(path) + " is not an HDF5 file");
  Handle fapl = strong_close_fapl(path);
  Handle file(H5Fopen(path.c_str(), flags, fapl.get()));
  if (!file.valid()) {
    throw Error("HDF5: cannot open " + in_quotes(path) +
                ((flags & H5F_ACC_RDWR) != 0 ? " for writing" : ""));
  }
  return File(std::move(file), path, std::string());
}

void File::flush() {
  require_open();
  if (H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL) < 0) fail("cannot flush" + write_hint());
}

void File::commit() {
  require_open();
  unsigned intent = 0;
  if (H5Fget_intent(handle_.get(), &intent) < 0) fail("cannot query the open mode");
  // Flushing separately from closing tells a failed write apart from a failed close.
  if ((intent & H5F_ACC_RDWR) != 0 && H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL) < 0) {
    fail("cannot flush");
  }
  if (!handle_.close()) fail("cannot close");
  if (temp_path_.empty()) return;
  std::error_code ec;
  fs::rename(temp_path_, file_path_, ec);
  // On failure temp_path_ is kept, so the destructor removes the temporary file.
  if (ec) fail("cannot rename " + in_quotes(temp_path_) + " to it: " + ec.message());
  temp_path_.clear();
  lock_.release();
}

}  // namespace samen::h5
