#include "samen/io/hdf5.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
using samen::h5::Error;
using samen::h5::File;
using samen::h5::Group;

namespace {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("samen_h5_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void spit(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Layout and filter count of a dataset, straight from the C API.
struct StoredLayout {
  H5D_layout_t layout;
  int filters;
};

StoredLayout stored_layout(const samen::h5::Node& node, const std::string& name) {
  samen::h5::Dataset ds = node.open_dataset(name);
  samen::h5::Handle dcpl(H5Dget_create_plist(ds.id()));
  return {H5Pget_layout(dcpl.get()), H5Pget_nfilters(dcpl.get())};
}

}  // namespace

TEST_CASE("hdf5: every dataset type round-trips exactly", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("types.h5");
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> doubles = {0.0,
                                       -0.0,
                                       1.0 / 3.0,
                                       -inf,
                                       inf,
                                       std::numeric_limits<double>::max(),
                                       std::numeric_limits<double>::lowest(),
                                       std::numeric_limits<double>::denorm_min(),
                                       1e-300};
  const std::vector<std::int32_t> int32s = {0, -1, 42, std::numeric_limits<std::int32_t>::min(),
                                            std::numeric_limits<std::int32_t>::max()};
  const std::vector<std::int64_t> int64s = {0, -7, std::numeric_limits<std::int64_t>::min(),
                                            std::numeric_limits<std::int64_t>::max()};
  std::vector<std::uint8_t> uint8s;
  for (int i = 0; i < 256; ++i) uint8s.push_back(static_cast<std::uint8_t>(i));
  const std::vector<std::string> strings = {"", "plain", "Zürich – 東京 🌱", std::string(5000, 'x'),
                                            "with\nnewline and \"quotes\""};
  {
    File f = File::create_atomic(path);
    f.write("doubles", doubles);
    f.write("nan", std::vector<double>{std::nan("")});
    f.write("int32", int32s);
    f.write("int64", int64s);
    f.write("uint8", uint8s);
    f.write("strings", strings);
    f.write("empty/doubles", std::vector<double>{});
    f.write("empty/int32", std::vector<std::int32_t>{});
    f.write("empty/int64", std::vector<std::int64_t>{});
    f.write("empty/uint8", std::vector<std::uint8_t>{});
    f.write("empty/strings", std::vector<std::string>{});
    f.commit();
  }
  File f = File::open_read(path);
  const std::vector<double> got = f.read_doubles("doubles");
  REQUIRE(got.size() == doubles.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(std::memcmp(&got[i], &doubles[i], sizeof(double)) == 0);  // bit-exact, keeps -0.0
  }
  CHECK(std::isnan(f.read_doubles("nan").at(0)));
  CHECK(f.read_int32("int32") == int32s);
  CHECK(f.read_int64("int64") == int64s);
  CHECK(f.read_uint8("uint8") == uint8s);
  CHECK(f.read_strings("strings") == strings);
  CHECK(f.read_doubles("empty/doubles").empty());
  CHECK(f.read_int32("empty/int32").empty());
  CHECK(f.read_int64("empty/int64").empty());
  CHECK(f.read_uint8("empty/uint8").empty());
  CHECK(f.read_strings("empty/strings").empty());
  CHECK(f.shape("empty/doubles") == std::vector<hsize_t>{0});
  CHECK(f.shape("strings") == std::vector<hsize_t>{strings.size()});
}

TEST_CASE("hdf5: large vectors are chunked and compressed, small ones contiguous", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("big.h5");
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> small(0, 9);
  std::vector<double> big(100000);
  for (double& x : big) x = 0.5 * small(rng);  // few distinct values: compresses well
  std::vector<std::int64_t> ids(10000);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::int64_t>(i) * 3;
  {
    File f = File::create_atomic(path);
    f.write("big", big);
    f.write("ids", ids);
    f.write("small", std::vector<double>(4095, 1.0));
    f.write("empty", std::vector<double>{});
    f.commit();
  }
  File f = File::open_read(path);
  CHECK(f.read_doubles("big") == big);
  CHECK(f.read_int64("ids") == ids);
  CHECK(f.read_doubles("small") == std::vector<double>(4095, 1.0));
  if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
    const StoredLayout big_layout = stored_layout(f, "big");
    CHECK(big_layout.layout == H5D_CHUNKED);
    CHECK(big_layout.filters == 2);  // shuffle + deflate
    CHECK(fs::file_size(path) < big.size() * sizeof(double) / 4);
  }
  CHECK(stored_layout(f, "small").layout == H5D_CONTIGUOUS);
  CHECK(stored_layout(f, "empty").layout == H5D_CONTIGUOUS);
}

TEST_CASE("hdf5: matrices round-trip with their shape", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("matrix.h5");
  const std::vector<double> small = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  std::vector<double> large(300 * 50);
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<double>(i) * 0.25;
  {
    File f = File::create_atomic(path);
    f.write_matrix("m/small", 3, 4, small);
    f.write_matrix("m/large", 300, 50, large);
    f.write_matrix("m/wide", 1, 40000, std::vector<double>(40000, 2.0));
    f.write_matrix("m/empty", 0, 5, {});
    CHECK_THROWS_AS(f.write_matrix("m/bad", 2, 2, {1, 2, 3}), Error);
    f.commit();
  }
  File f = File::open_read(path);
  const samen::h5::Matrix m = f.read_matrix("m/small");
  CHECK(m.rows == 3);
  CHECK(m.cols == 4);
  CHECK(m.values == small);
  CHECK(f.shape("m/small") == std::vector<hsize_t>{3, 4});
  const samen::h5::Matrix l = f.read_matrix("m/large");
  CHECK(l.rows == 300);
  CHECK(l.cols == 50);
  CHECK(l.values == large);
  CHECK(f.read_matrix("m/wide").values == std::vector<double>(40000, 2.0));
  const samen::h5::Matrix e = f.read_matrix("m/empty");
  CHECK(e.rows == 0);
  CHECK(e.cols == 5);
  CHECK(e.values.empty());
  CHECK(!f.exists("m/bad"));
}

TEST_CASE("hdf5: reading converts numbers and rejects the wrong kind", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("convert.h5");
  {
    File f = File::create_atomic(path);
    f.write("ints", std::vector<std::int32_t>{1, -2, 3});
    f.write("reals", std::vector<double>{1.0, 2.0, 250.0});
    f.write("names", std::vector<std::string>{"a", "b"});
    f.write_matrix("matrix", 2, 2, {1, 2, 3, 4});
    f.commit();
  }
  File f = File::open_read(path);
  CHECK(f.read_doubles("ints") == std::vector<double>{1.0, -2.0, 3.0});
  CHECK(f.read_int64("ints") == std::vector<std::int64_t>{1, -2, 3});
  CHECK(f.read_int64("reals") == std::vector<std::int64_t>{1, 2, 250});
  CHECK(f.read_uint8("reals") == std::vector<std::uint8_t>{1, 2, 250});
  CHECK_THROWS_WITH(f.read_doubles("names"),
                    Catch::Contains("'/names' holds strings, not numbers"));
  CHECK_THROWS_WITH(f.read_strings("ints"), Catch::Contains("not strings"));
  CHECK_THROWS_WITH(f.read_doubles("matrix"), Catch::Contains("2 dimension(s), expected 1"));
  CHECK_THROWS_WITH(f.read_matrix("reals"), Catch::Contains("expected 2"));
}

TEST_CASE("hdf5: fixed-length strings written by other tools are readable", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("fixed.h5");
  {
    File f = File::create_atomic(path);
    // As rhdf5 writes character vectors: fixed size, null-padded.
    samen::h5::Handle type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), 6);
    H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
    const hsize_t n = 3;
    samen::h5::Handle space(H5Screate_simple(1, &n, nullptr));
    samen::h5::Handle ds(H5Dcreate2(f.id(), "fixed", type.get(), space.get(), H5P_DEFAULT,
                                    H5P_DEFAULT, H5P_DEFAULT));
    const char data[] = "ab\0\0\0\0sixsix\0\0\0\0\0\0";
    REQUIRE(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
    samen::h5::Handle attr_space(H5Screate(H5S_SCALAR));
    samen::h5::Handle attr(
        H5Acreate2(f.id(), "label", type.get(), attr_space.get(), H5P_DEFAULT, H5P_DEFAULT));
    REQUIRE(H5Awrite(attr.get(), type.get(), "label\0") >= 0);
    f.commit();
  }
  File f = File::open_read(path);
  CHECK(f.read_strings("fixed") == std::vector<std::string>{"ab", "sixsix", ""});
  CHECK(f.get_attr_string("label") == "label");
}

TEST_CASE("hdf5: attributes on files, groups and datasets round-trip", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("attrs.h5");
  {
    File f = File::create_atomic(path);
    f.set_attr("title", "Samen run – ünïcode");
    f.set_attr("seed", std::int64_t{-9007199254740993});
    f.set_attr("weeks", 52);  // int goes through the integer overload
    f.set_attr("agents", std::size_t{123456});
    f.set_attr("rate", 0.125);
    Group g = f.create_group("survey/week_0000");
    g.set_attr("week", std::int64_t{0});
    g.set_attr("note", std::string(""));
    samen::h5::Dataset ds = g.write("values", std::vector<double>{1, 2});
    ds.set_attr("units", "m/s");
    ds.set_attr("scale", 2.5);
    // Overwriting replaces the value, also with a different type.
    ds.set_attr("scale", "log");
    f.set_attr("rate", 0.25);
    CHECK_THROWS_AS(f.set_attr("bad", std::uint64_t{1} << 63), Error);
    CHECK_THROWS_WITH(f.set_attr("nul", std::string("a\0b", 3)), Catch::Contains("NUL"));
    f.commit();
  }
  File f = File::open_read(path);
  CHECK(f.get_attr_string("title") == "Samen run – ünïcode");
  CHECK(f.get_attr_int64("seed") == -9007199254740993);
  CHECK(f.get_attr_int64("weeks") == 52);
  CHECK(f.get_attr_int64("agents") == 123456);
  CHECK(f.get_attr_double("rate") == 0.25);
  CHECK(f.get_attr_double("weeks") == 52.0);  // numeric conversion
  CHECK(f.attr_names() == std::vector<std::string>{"agents", "rate", "seed", "title", "weeks"});
  Group g = f.open_group("survey/week_0000");
  CHECK(g.get_attr_int64("week") == 0);
  CHECK(g.get_attr_string("note").empty());
  samen::h5::Dataset ds = g.open_dataset("values");
  CHECK(ds.get_attr_string("units") == "m/s");
  CHECK(ds.get_attr_string("scale") == "log");
  CHECK(ds.has_attr("units"));
  CHECK(!ds.has_attr("missing"));
  CHECK_THROWS_WITH(ds.get_attr_double("missing"),
                    Catch::Contains("no attribute 'missing' on '/survey/week_0000/values'"));
  CHECK_THROWS_WITH(ds.get_attr_double("units"), Catch::Contains("not a number"));
  CHECK_THROWS_WITH(f.get_attr_string("rate"), Catch::Contains("not a string"));
}

TEST_CASE("hdf5: nested groups, children in name order and exists()", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("groups.h5");
  {
    File f = File::create_atomic(path);
    Group deep = f.create_group("a/b/c");
    CHECK(deep.object_path() == "/a/b/c");
    Group a = f.open_group("a");
    a.create_group("zeta");
    a.create_group("alpha");
    a.write("mid", std::vector<std::int32_t>{1});
    a.create_group("Beta");
    CHECK_THROWS_WITH(f.create_group("a/b"), Catch::Contains("'/a/b': it already exists"));
    Group again = f.require_group("a/b");
    CHECK(again.children() == std::vector<std::string>{"c"});
    CHECK(f.require_group("x/y").object_path() == "/x/y");
    // Absolute paths resolve from the root whatever group they are used on.
    CHECK(deep.exists("/a/zeta"));
    deep.write("/x/y/data", std::vector<double>{3.0});
    f.commit();
  }
  File f = File::open_read(path);
  CHECK(f.children() == std::vector<std::string>{"a", "x"});
  CHECK(f.open_group("a").children() ==
        std::vector<std::string>{"Beta", "alpha", "b", "mid", "zeta"});
  CHECK(f.exists("a/b/c"));
  CHECK(f.exists("/a/b/c/"));
  CHECK(f.exists("x/y/data"));
  CHECK(f.read_doubles("/x/y/data") == std::vector<double>{3.0});
  CHECK(!f.exists("a/missing/deeper"));
  CHECK(!f.exists("missing"));
  CHECK(!f.exists("a/mid/below_a_dataset"));
  CHECK(f.open_group("a/b").exists("c"));
  CHECK(f.open_group("a/b/c").children().empty());
  CHECK_THROWS_WITH(f.open_group("a/nope"),
                    Catch::Contains("cannot open group '/a/nope'") && Catch::Contains(path));
  CHECK_THROWS_WITH(f.open_group("a/mid"), Catch::Contains("not a group"));
  CHECK_THROWS_WITH(f.open_dataset("a/b"), Catch::Contains("not a dataset"));
}

TEST_CASE("hdf5: errors name the file and the object", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("out.h5");
  {
    File f = File::create_atomic(path);
    f.create_group("survey/week_0000/figures");
    f.write("survey/week_0000/figures/weight", std::vector<double>{1.0});
    CHECK_THROWS_WITH(f.write("survey/week_0000/figures/weight", std::vector<double>{2.0}),
                      Catch::Contains("already exists"));
    f.commit();
  }
  File f = File::open_read(path);
  try {
    f.open_group("survey/week_0000").read_int64("figures/id");
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "HDF5 file '" + path +
              "': cannot open dataset '/survey/week_0000/figures/id': no such object");
  }
  CHECK_THROWS_WITH(f.write("new", std::vector<double>{1.0}), Catch::Contains("read-only"));
  CHECK_THROWS_WITH(f.set_attr("new", 1.0), Catch::Contains("read-only"));
}

TEST_CASE("hdf5: opening a missing or non-HDF5 file throws naming it", "[io][hdf5]") {
  TempDir dir;
  const std::string missing = dir.file("missing.h5");
  CHECK_THROWS_WITH(File::open_read(missing),
                    Catch::Contains(missing) && Catch::Contains("no such file"));
  CHECK_THROWS_AS(File::open_rw(missing), Error);
  const std::string text = dir.file("notes.txt");
  spit(text, "just some text, not HDF5\n");
  CHECK_THROWS_WITH(File::open_read(text), Catch::Contains("'" + text + "' is not an HDF5 file"));
  const std::string nowhere = dir.file("no/such/dir/x.h5");
  CHECK_THROWS_WITH(File::create_atomic(nowhere),
                    Catch::Contains("cannot create '" + nowhere + "'"));
}

TEST_CASE("hdf5: create_atomic replaces the target only on commit", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const std::string temp = path + ".tmp";

  SECTION("uncommitted file leaves nothing behind") {
    {
      File f = File::create_atomic(path);
      f.write("x", std::vector<double>{1.0});
      CHECK(fs::exists(temp));
      CHECK(f.temp_path() == temp);
    }
    CHECK(!fs::exists(path));
    CHECK(!fs::exists(temp));
  }

  // A result replaces a result: the previous one is an HDF5 file too.
  auto previous_result = [&] {
    File p = File::create_atomic(path);
    p.set_attr("previous", "results");
    p.commit();
    return slurp(path);
  };

  SECTION("uncommitted file leaves an existing target intact") {
    const std::string before = previous_result();
    {
      File f = File::create_atomic(path);
      f.write("x", std::vector<double>{1.0});
      CHECK(slurp(path) == before);
    }
    CHECK(slurp(path) == before);
    CHECK(!fs::exists(temp));
  }

  SECTION("a target that is not HDF5 is refused and left intact") {
    spit(path, "previous results");
    CHECK_THROWS_WITH(File::create_atomic(path),
                      Catch::Contains("holds something other than HDF5"));
    CHECK(slurp(path) == "previous results");
    CHECK(!fs::exists(temp));
  }

  SECTION("commit replaces an existing target") {
    previous_result();
    File f = File::create_atomic(path);
    f.write("x", std::vector<double>{1.0, 2.0});
    Group g = f.create_group("still/open");
    f.commit();
    CHECK(!fs::exists(temp));
    CHECK(f.temp_path().empty());
    // Closing the file closed the group too; using it is an error, not a crash.
    CHECK_THROWS_AS(g.write("late", std::vector<double>{1.0}), Error);
    CHECK_THROWS_AS(f.commit(), Error);
    CHECK(File::open_read(path).read_doubles("x") == std::vector<double>{1.0, 2.0});
  }

  SECTION("a moved File commits once and its moved-from shell removes nothing") {
    File a = File::create_atomic(path);
    a.write("x", std::vector<std::int32_t>{5});
    File b = std::move(a);
    {
      File c = std::move(b);
      c.commit();
    }
    CHECK(File::open_read(path).read_int32("x") == std::vector<std::int32_t>{5});
    CHECK(!fs::exists(temp));
  }
}

TEST_CASE("hdf5: open_rw edits a file in place", "[io][hdf5]") {
  TempDir dir;
  const std::string path = dir.file("rw.h5");
  {
    File f = File::create_atomic(path);
    f.write("x", std::vector<double>{1.0});
    f.commit();
  }
  {
    File f = File::open_rw(path);
    f.write("y", std::vector<double>{2.0});
    f.set_attr("edited", std::int64_t{1});
    f.commit();
  }
  File f = File::open_read(path);
  CHECK(f.children() == std::vector<std::string>{"x", "y"});
  CHECK(f.get_attr_int64("edited") == 1);
}

TEST_CASE("hdf5: identical content gives byte-identical files", "[io][hdf5]") {
  TempDir dir;
  auto write = [](const std::string& path) {
    File f = File::create_atomic(path);
    f.set_attr("scenario", "baseline");
    Group g = f.create_group("survey/week_0000");
    g.write("ids", std::vector<std::int64_t>(5000, 3)).set_attr("units", "count");
    g.write("names", std::vector<std::string>{"a", "b"});
    f.commit();
  };
  write(dir.file("one.h5"));
  // HDF5 timestamps have one-second resolution; make sure they would differ.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write(dir.file("two.h5"));
  CHECK(slurp(dir.file("one.h5")) == slurp(dir.file("two.h5")));
}
