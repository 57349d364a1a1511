#include "dyad/config/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "dyad/base/files.h"

namespace dyad::config {
namespace {

namespace fs = std::filesystem;

// Each test runs in a fresh temporary directory with a clean environment: no DYAD_* variables, and HOME and
// XDG_CONFIG_HOME pointing inside the directory, so that the search path never finds the developer's own
// file.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/dyad-config-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    old_cwd_ = fs::current_path();
    fs::current_path(dir_);
    for (const char* name : {"DYAD_CONFIG", "DYAD_DB", "DYAD_DATA_DIR", "XDG_CONFIG_HOME", "HOME"}) {
      const char* value = std::getenv(name);
      if (value != nullptr) saved_env_[name] = value;
      unsetenv(name);
    }
    fs::create_directories(dir_ / "home");
    setenv("HOME", (dir_ / "home").c_str(), 1);
  }

  void TearDown() override {
    fs::current_path(old_cwd_);
    for (const char* name : {"DYAD_CONFIG", "DYAD_DB", "DYAD_DATA_DIR", "XDG_CONFIG_HOME", "HOME"})
      unsetenv(name);
    for (const auto& [name, value] : saved_env_) setenv(name.c_str(), value.c_str(), 1);
    std::error_code error;
    fs::remove_all(dir_, error);
  }

  // Writes `text` to `relative` under the test directory and returns its absolute path.
  std::string Write(const std::string& relative, const std::string& text) {
    fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }

  Status Apply(const std::string& text, Config& config, const std::string& path = "/etc/dyad/dyad.toml") {
    return ApplyToml(text, path, config);
  }

  fs::path dir_;
  fs::path old_cwd_;
  std::map<std::string, std::string> saved_env_;
};

TEST_F(ConfigTest, DefaultsWhenThereIsNoFile) {
  Result<Config> config = LoadConfig();
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->file, "");
  EXPECT_EQ(config->store.url.value, "dyad.db");
  EXPECT_EQ(config->store.url.origin, "default");
  EXPECT_EQ(config->store.dedup_window_days.value, 1);
  EXPECT_EQ(config->dict.data_dir.value, DefaultDataDir());
  EXPECT_EQ(config->dict.overlay.value, "");
  EXPECT_EQ(config->ingest.threads.value, 1);
  EXPECT_EQ(config->ingest.batch.value, 4096);
  EXPECT_TRUE(config->watch.feeds.value.empty());
  EXPECT_EQ(config->watch.interval_seconds.value, 300);
  EXPECT_EQ(config->watch.timeout_seconds.value, 20);
  EXPECT_EQ(config->watch.max_backoff_seconds.value, 3600);
  EXPECT_EQ(config->server.host.value, "127.0.0.1");
  EXPECT_EQ(config->server.port.value, 8080);
  ForEachSetting(*config, [](std::string_view name, const auto& setting) {
    EXPECT_EQ(setting.origin, "default") << name;
  });
}

TEST_F(ConfigTest, FileValuesRememberTheirLine) {
  Config config;
  Status status = Apply(
      "# dyad settings\n"
      "[store]\n"
      "url = \"/var/lib/dyad/events.db\"\n"
      "dedup_window_days = 3\n"
      "\n"
      "[watch]\n"
      "feeds = [\n"
      "  \"https://example.org/world.rss\",\n"
      "  \"https://example.org/atom.xml\",\n"
      "]\n"
      "user_agent = \"dyad-test\"\n"
      "[server]\n"
      "port = 9000\n",
      config);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(config.store.url.value, "/var/lib/dyad/events.db");
  EXPECT_EQ(config.store.url.origin, "/etc/dyad/dyad.toml:3");
  EXPECT_EQ(config.store.dedup_window_days.value, 3);
  EXPECT_EQ(config.store.dedup_window_days.origin, "/etc/dyad/dyad.toml:4");
  EXPECT_EQ(config.watch.feeds.value,
            (std::vector<std::string>{"https://example.org/world.rss", "https://example.org/atom.xml"}));
  EXPECT_EQ(config.watch.feeds.origin, "/etc/dyad/dyad.toml:7");
  EXPECT_EQ(config.watch.user_agent.origin, "/etc/dyad/dyad.toml:11");
  EXPECT_EQ(config.server.port.value, 9000);
  EXPECT_EQ(config.server.port.origin, "/etc/dyad/dyad.toml:13");
  EXPECT_EQ(config.server.host.origin, "default");
  EXPECT_EQ(config.ingest.batch.origin, "default");
}

TEST_F(ConfigTest, DottedKeysAndInlineTablesWork) {
  Config config;
  ASSERT_TRUE(Apply("ingest.threads = 4\nserver = { host = \"0.0.0.0\" }\n", config).ok());
  EXPECT_EQ(config.ingest.threads.value, 4);
  EXPECT_EQ(config.ingest.threads.origin, "/etc/dyad/dyad.toml:1");
  EXPECT_EQ(config.server.host.value, "0.0.0.0");
}

TEST_F(ConfigTest, ErrorsNameFileAndLine) {
  struct Bad {
    const char* toml;
    const char* message;
  } cases[] = {
      {"[store]\nurl = \"a.db\"\nurll = \"b.db\"\n",
       "/etc/dyad/dyad.toml:3: unknown setting 'store.urll' ([store] has url, dedup_window_days)"},
      {"[store]\n\n[stor]\nurl = \"x\"\n",
       "/etc/dyad/dyad.toml:3: unknown section 'stor' (dyad.toml has [store], [dict], [ingest], [watch], "
       "[server])"},
      {"url = \"x\"\n", "/etc/dyad/dyad.toml:1: unknown setting 'url'"},
      {"store = 5\n", "/etc/dyad/dyad.toml:1: store must be a section"},
      {"[ingest]\nthreads = \"4\"\n",
       "/etc/dyad/dyad.toml:2: ingest.threads must be an integer, not a string"},
      {"[ingest]\n\nbatch = 1.5\n",
       "/etc/dyad/dyad.toml:3: ingest.batch must be an integer, not a number with a fraction"},
      {"[store]\nurl = 7\n", "/etc/dyad/dyad.toml:2: store.url must be a string, not an integer"},
      {"[watch]\nfeeds = \"https://x/rss\"\n",
       "/etc/dyad/dyad.toml:2: watch.feeds must be an array of strings, not a string"},
      {"[watch]\nfeeds = [\n  \"https://x/rss\",\n  42,\n]\n",
       "/etc/dyad/dyad.toml:4: each of watch.feeds must be a string, not an integer"},
      {"[server]\nport = 80\nport = 81\n", "/etc/dyad/dyad.toml:3"},
      {"[server\nport = 80\n", "/etc/dyad/dyad.toml:1"},
      {"[dict.overlay]\nx = 1\n", "/etc/dyad/dyad.toml:1: dict.overlay must be a string, not a table"},
  };
  for (const Bad& bad : cases) {
    Config config;
    Status status = Apply(bad.toml, config);
    ASSERT_FALSE(status.ok()) << bad.toml;
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(status.message().find(bad.message), std::string::npos) << status.message();
  }
}

TEST_F(ConfigTest, OutOfRangeValuesNameTheirOrigin) {
  struct Bad {
    const char* toml;
    const char* message;
  } cases[] = {
      {"[server]\nport = 70000\n", "/etc/dyad/dyad.toml:2: server.port = 70000: must be 1 to 65535"},
      {"[ingest]\nthreads = 0\n", "/etc/dyad/dyad.toml:2: ingest.threads = 0: must be 1 to 256"},
      {"[watch]\ninterval_seconds = 0\n",
       "/etc/dyad/dyad.toml:2: watch.interval_seconds = 0: must be at least 1"},
      {"[store]\ndedup_window_days = -2\n", "store.dedup_window_days = -2: must be at least -1"},
      {"[store]\nurl = \"\"\n", "/etc/dyad/dyad.toml:2: store.url must not be empty"},
      {"[watch]\nfeeds = [\"ftp://x/feed\"]\n",
       "/etc/dyad/dyad.toml:2: watch.feeds: 'ftp://x/feed' is not an http"},
  };
  for (const Bad& bad : cases) {
    Config config;
    ASSERT_TRUE(Apply(bad.toml, config).ok()) << bad.toml;
    Status status = Validate(config);
    ASSERT_FALSE(status.ok()) << bad.toml;
    EXPECT_NE(status.message().find(bad.message), std::string::npos) << status.message();
  }
  Config config;
  config.server.port.Set(0, "flag --port");
  EXPECT_NE(Validate(config).message().find("flag --port: server.port = 0"), std::string::npos);
}

TEST_F(ConfigTest, PathsAreRelativeToTheFile) {
  Config config;
  ASSERT_TRUE(Apply("[store]\nurl = \"events.db\"\n[dict]\noverlay = \"../my-dict\"\ndata_dir = \"~/data\"\n",
                    config, "/srv/dyad/conf/dyad.toml")
                  .ok());
  EXPECT_EQ(config.store.url.value, "/srv/dyad/conf/events.db");
  EXPECT_EQ(config.dict.overlay.value, "/srv/dyad/my-dict");
  EXPECT_EQ(config.dict.data_dir.value, (dir_ / "home" / "data").string());
  // A database URL and a file found as ./dyad.toml stay as written.
  ASSERT_TRUE(
      Apply("[store]\nurl = \"postgresql://dyad@db/events\"\n", config, "/srv/dyad/conf/dyad.toml").ok());
  EXPECT_EQ(config.store.url.value, "postgresql://dyad@db/events");
  ASSERT_TRUE(Apply("[store]\nurl = \"events.db\"\n", config, "dyad.toml").ok());
  EXPECT_EQ(config.store.url.value, "events.db");
}

TEST_F(ConfigTest, PrecedenceIsFlagThenEnvironmentThenFileThenDefault) {
  std::string path = Write("dyad.toml", "[store]\nurl = \"from-file.db\"\ndedup_window_days = 2\n");
  Result<Config> config = LoadConfig();
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->file, path);
  EXPECT_EQ(config->file_found_by, "./dyad.toml");
  EXPECT_EQ(config->store.url.value, (dir_ / "from-file.db").string());
  EXPECT_EQ(config->store.url.origin, path + ":2");
  EXPECT_EQ(config->store.dedup_window_days.origin, path + ":3");

  setenv("DYAD_DB", "from-env.db", 1);
  config = LoadConfig();
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->store.url.value, "from-env.db");
  EXPECT_EQ(config->store.url.origin, "env DYAD_DB");
  EXPECT_EQ(config->store.dedup_window_days.origin, path + ":3");

  // Flags are applied by the command over what LoadConfig gives.
  config->store.url.Set("from-flag.db", "flag --db");
  EXPECT_EQ(config->store.url.value, "from-flag.db");
  EXPECT_EQ(config->store.url.origin, "flag --db");

  setenv("DYAD_DATA_DIR", "/opt/dyad/data", 1);
  config = LoadConfig();
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->dict.data_dir.value, "/opt/dyad/data");
  EXPECT_EQ(config->dict.data_dir.origin, "env DYAD_DATA_DIR");
}

TEST_F(ConfigTest, SearchPathOrder) {
  // Nothing anywhere: no file, no error.
  Result<std::pair<std::string, std::string>> found = FindConfigFile("");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first, "");

  // ~/.config/dyad/dyad.toml when XDG_CONFIG_HOME is unset.
  std::string home_file = Write("home/.config/dyad/dyad.toml", "[server]\nport = 1001\n");
  found = FindConfigFile("");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first, home_file);
  EXPECT_EQ(found->second, "~/.config/dyad/dyad.toml");

  // $XDG_CONFIG_HOME/dyad/dyad.toml replaces ~/.config; a relative XDG_CONFIG_HOME is ignored (XDG spec).
  std::string xdg_file = Write("xdg/dyad/dyad.toml", "[server]\nport = 1002\n");
  setenv("XDG_CONFIG_HOME", "xdg", 1);
  EXPECT_EQ(FindConfigFile("")->first, home_file);
  setenv("XDG_CONFIG_HOME", (dir_ / "xdg").c_str(), 1);
  EXPECT_EQ(FindConfigFile("")->first, xdg_file);
  EXPECT_EQ(FindConfigFile("")->second, "$XDG_CONFIG_HOME/dyad/dyad.toml");

  // ./dyad.toml before the XDG file.
  Write("dyad.toml", "[server]\nport = 1003\n");
  EXPECT_EQ(FindConfigFile("")->first, "dyad.toml");

  // $DYAD_CONFIG before ./dyad.toml.
  std::string env_file = Write("env.toml", "[server]\nport = 1004\n");
  setenv("DYAD_CONFIG", env_file.c_str(), 1);
  EXPECT_EQ(FindConfigFile("")->first, env_file);
  EXPECT_EQ(FindConfigFile("")->second, "env DYAD_CONFIG");

  // --config before everything.
  std::string flag_file = Write("flag.toml", "[server]\nport = 1005\n");
  EXPECT_EQ(FindConfigFile(flag_file)->first, flag_file);
  EXPECT_EQ(FindConfigFile(flag_file)->second, "flag --config");
  Result<Config> config = LoadConfig(flag_file);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->server.port.value, 1005);
  EXPECT_EQ(config->server.port.origin, flag_file + ":2");
  config = LoadConfig();
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->server.port.value, 1004);
}

TEST_F(ConfigTest, AFileNamedExplicitlyMustExist) {
  Result<Config> config = LoadConfig("missing.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kNotFound);
  EXPECT_NE(config.status().message().find("--config missing.toml"), std::string::npos);

  setenv("DYAD_CONFIG", "/nonexistent/dyad.toml", 1);
  config = LoadConfig();
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("$DYAD_CONFIG /nonexistent/dyad.toml"), std::string::npos);
}

TEST_F(ConfigTest, LoadConfigReportsBadFilesWithTheirPath) {
  std::string path = Write("dyad.toml", "[watch]\ninterval_seconds = 60\ntimeout = 5\n");
  Result<Config> config = LoadConfig();
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find(path + ":3: unknown setting 'watch.timeout'"), std::string::npos)
      << config.status().message();

  Write("dyad.toml", "[server]\nport = -1\n");
  config = LoadConfig();
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find(path + ":2: server.port = -1"), std::string::npos);
}

TEST_F(ConfigTest, TheSampleFileIsValid) {
  std::string sample = std::string(DYAD_SOURCE_DIR) + "/data/samples/dyad.toml";
  Result<Config> config = LoadConfig(sample);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  // Every setting is spelled out in the sample.
  ForEachSetting(*config, [&](std::string_view name, const auto& setting) {
    if (name == "dict.data_dir") return;  // commented out: the built-in directory is the right default
    EXPECT_TRUE(setting.origin.starts_with(sample + ":")) << name << " " << setting.origin;
  });
}

}  // namespace
}  // namespace dyad::config
