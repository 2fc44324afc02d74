#include "store/store.hpp"

#include "store/temp_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace gatehouse::store {
namespace {

TEST(OpenStore, AbsolutePathTakesFourSlashes) {
    testing::TempDatabase db;
    auto store = open_store("sqlite:///" + db.path());
    EXPECT_TRUE(std::filesystem::exists(db.path()));
    EXPECT_NE(store->describe().find(db.path()), std::string::npos);
}

TEST(OpenStore, RelativePathTakesThreeSlashes) {
    testing::TempDatabase db;
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(db.dir());
    try {
        auto store = open_store("sqlite:///relative.sqlite3");
        EXPECT_TRUE(std::filesystem::exists(db.dir() / "relative.sqlite3"));
    } catch (...) {
        std::filesystem::current_path(previous);
        throw;
    }
    std::filesystem::current_path(previous);
}

TEST(OpenStore, InMemoryDatabaseMigratesAndWorks) {
    auto store = open_store("sqlite://:memory:");
    store->migrate();
    EXPECT_EQ(store->users().count(), 0);
}

TEST(OpenStore, PostgresUrlsOpenWithoutConnectingAndHideThePassword) {
    // Nothing listens on port 1: opening works, the first call fails with a StoreError.
    for (std::string scheme : {"postgres", "postgresql"}) {
        auto store = open_store(scheme + "://user:secret@127.0.0.1:1/db");
        EXPECT_EQ(store->describe().find("secret"), std::string::npos) << store->describe();
        EXPECT_NE(store->describe().find(scheme + "://user:***@127.0.0.1:1/db"), std::string::npos)
            << store->describe();
        EXPECT_THROW(store->users().count(), StoreError);
    }
    EXPECT_THROW(open_store("postgres://host/db?no_such_parameter=1"), StoreError);
}

TEST(OpenStore, RejectsUnknownSchemesWithoutEchoingSecrets) {
    try {
        open_store("mysql://user:secret@host/db");
        FAIL();
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
    }
    EXPECT_THROW(open_store("sqlite://"), StoreError);
    EXPECT_THROW(open_store("sqlite:///"), StoreError);
    EXPECT_THROW(open_store("gatehouse.sqlite3"), StoreError);
}

TEST(OpenStore, MissingDirectoryIsAClearError) {
    testing::TempDatabase db;
    EXPECT_THROW(open_store("sqlite:///" + (db.dir() / "no/such/dir/db.sqlite3").string()), StoreError);
}

TEST(OpenStore, RejectsUnknownSynchronousSetting) {
    testing::TempDatabase db;
    StoreOptions options;
    options.sqlite_synchronous = "sometimes";
    EXPECT_THROW(open_store(db.url(), options), StoreError);
}

}  // namespace
}  // namespace gatehouse::store
