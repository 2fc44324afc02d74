#include "admin/templates.hpp"

#include "admin/assets.hpp"

#include <boost/json/serialize.hpp>
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <stdexcept>

namespace gatehouse::admin {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

data to_mustache(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::object: {
            data out{data::type::object};
            for (const auto& [key, item] : value.get_object()) out.set(std::string(key), to_mustache(item));
            return out;
        }
        case boost::json::kind::array: {
            data out{data::type::list};
            for (const auto& item : value.get_array()) out.push_back(to_mustache(item));
            return out;
        }
        case boost::json::kind::string: return data{std::string(value.get_string())};
        case boost::json::kind::bool_: return data{value.get_bool()};
        case boost::json::kind::null: return data{false};
        default: return data{boost::json::serialize(value)};  // numbers
    }
}

// Parsed once per thread: kainjow's render() is not const, so threads do not share a
// parsed template.
mustache& compiled(std::string_view name) {
    thread_local std::map<std::string, std::unique_ptr<mustache>, std::less<>> cache;
    if (auto found = cache.find(name); found != cache.end()) return *found->second;
    std::string path = "templates/" + std::string(name) + ".mustache";
    auto text = find_asset(path);
    if (!text) throw std::logic_error("admin template missing: " + path);
    auto parsed = std::make_unique<mustache>(std::string(*text));
    if (!parsed->is_valid()) throw std::logic_error("admin template " + path + ": " + parsed->error_message());
    return *cache.emplace(std::string(name), std::move(parsed)).first->second;
}

}  // namespace

std::string render_template(std::string_view name, const boost::json::object& values) {
    return compiled(name).render(to_mustache(values));
}

std::string render_page(std::string_view name, boost::json::object values) {
    std::string content = render_template(name, values);
    values["content"] = content;
    return render_template("layout", values);
}

}  // namespace gatehouse::admin
