#pragma once
// A migrated store on a fresh temporary file.
#include "store/store.hpp"
#include "store/temp_database.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store::testing {

class MigratedStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = open_store(db_.url());
        store_->migrate();
    }

    UserId make_user(const std::string& username) {
        NewUser user;
        user.username = username;
        user.password = "pbkdf2_sha256$1$salt$hash";
        return store_->users().create(user);
    }

    std::vector<std::string> rows(const std::string& sql) { return query_rows(db_.path(), sql); }

    TempDatabase db_;
    std::unique_ptr<Store> store_;
};

}  // namespace gatehouse::store::testing
