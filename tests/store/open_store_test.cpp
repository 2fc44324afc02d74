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

TEST(OpenStore, PostgresIsNotBuiltYet) {
    try {
        open_store("postgres://user:secret@localhost:5432/db");
        FAIL();
    } catch (const StoreError& e) {
        EXPECT_STREQ(e.what(), "PostgreSQL support is not built yet");
    }
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
