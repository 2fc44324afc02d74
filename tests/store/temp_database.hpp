#pragma once
// A scratch directory for one test's database files, removed afterwards, and raw SQLite
// access for looking at what the store wrote.
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace gatehouse::store::testing {

class TempDatabase {
public:
    TempDatabase() {
        std::string pattern = (std::filesystem::temp_directory_path() / "gatehouse-store-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
    }
    ~TempDatabase() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;

    std::string path() const { return (dir_ / "db.sqlite3").string(); }
    std::string url() const { return "sqlite:///" + path(); }  // path is absolute: four slashes
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

// Every row of `sql`, columns joined by '|', NULL as "NULL".
inline std::vector<std::string> query_rows(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + path);
    }
    sqlite3_busy_timeout(db, 5000);
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error(message);
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            if (i) row += '|';
            const auto* text = sqlite3_column_text(stmt, i);
            row += text ? reinterpret_cast<const char*>(text) : "NULL";
        }
        rows.push_back(row);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

inline void execute(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error(message);
}

// What must be identical between a database Django migrated and one gatehouse did.
inline std::vector<std::string> schema_dump(const std::string& path) {
    std::vector<std::string> dump;
    auto add = [&](const std::string& title, const std::string& sql) {
        dump.push_back("-- " + title);
        for (auto& row : query_rows(path, sql)) dump.push_back(row);
    };
    add("sqlite_master", "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
    add("django_migrations", "SELECT id, app, name FROM django_migrations ORDER BY id");
    add("django_content_type", "SELECT id, app_label, model FROM django_content_type ORDER BY id");
    add("auth_permission", "SELECT id, content_type_id, codename, name FROM auth_permission ORDER BY id");
    return dump;
}

}  // namespace gatehouse::store::testing
