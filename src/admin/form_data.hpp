#pragma once
// An HTML form's fields (application/x-www-form-urlencoded, or a query string), keeping
// every value of a repeated name, as a multi-select sends them.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatehouse::admin {

class FormData {
public:
    // Malformed percent-encoding makes the whole form empty (a browser never sends it).
    static FormData parse(std::string_view urlencoded);

    bool has(std::string_view name) const;
    // The last value of `name`, as Django's QueryDict.get(); empty when absent.
    std::string get(std::string_view name) const;
    std::vector<std::string> get_all(std::string_view name) const;
    // Values of `name` that are decimal ids; others are reported through `invalid`.
    std::vector<std::int64_t> get_ids(std::string_view name, bool* invalid = nullptr) const;

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace gatehouse::admin
