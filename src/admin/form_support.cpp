#include "admin/form_support.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace gatehouse::admin {
namespace {

// Django's verbose names of the models gatehouse's database knows.
std::string_view model_verbose_name(std::string_view model) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> names = {{
        {"logentry", "log entry"},
        {"contenttype", "content type"},
        {"outstandingtoken", "outstanding token"},
        {"blacklistedtoken", "blacklisted token"},
        {"user", "user"},
        {"group", "group"},
        {"permission", "permission"},
        {"session", "session"},
    }};
    for (const auto& [key, name] : names) {
        if (key == model) return name;
    }
    return model;
}

bool contains(const std::vector<std::int64_t>& sorted, std::int64_t id) {
    return std::binary_search(sorted.begin(), sorted.end(), id);
}

}  // namespace

std::string permission_label(const store::Permission& permission) {
    return permission.app_label + " | " + std::string(model_verbose_name(permission.model)) + " | " + permission.name;
}

boost::json::array permission_options(const std::vector<store::Permission>& all, const std::vector<std::int64_t>& selected) {
    boost::json::array options;
    for (const store::Permission& permission : all) {
        options.push_back({{"value", permission.id}, {"label", permission_label(permission)},
                           {"selected", contains(selected, permission.id)}});
    }
    return options;
}

boost::json::array group_options(const std::vector<store::Group>& all, const std::vector<std::int64_t>& selected) {
    boost::json::array options;
    for (const store::Group& group : all) {
        options.push_back({{"value", group.id}, {"label", group.name}, {"selected", contains(selected, group.id)}});
    }
    return options;
}

std::string format_datetime(store::Timestamp when) {
    using namespace std::chrono;
    static constexpr std::array<const char*, 12> months = {"Jan.", "Feb.", "March", "April", "May", "June",
                                                           "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
    auto day = floor<days>(when);
    year_month_day date{day};
    hh_mm_ss<microseconds> time{when - day};
    int hour = static_cast<int>(time.hours().count());
    int minute = static_cast<int>(time.minutes().count());
    std::string text = std::string(months[static_cast<unsigned>(date.month()) - 1]) + " " +
                       std::to_string(static_cast<unsigned>(date.day())) + ", " +
                       std::to_string(static_cast<int>(date.year())) + ", ";
    // Django's "P": "midnight", "noon", "7 a.m.", "7:30 p.m.".
    if (hour == 0 && minute == 0) return text + "midnight";
    if (hour == 12 && minute == 0) return text + "noon";
    int hour12 = hour % 12 == 0 ? 12 : hour % 12;
    text += std::to_string(hour12);
    if (minute != 0) text += (minute < 10 ? ":0" : ":") + std::to_string(minute);
    return text + (hour < 12 ? " a.m." : " p.m.");
}

std::optional<std::string> email_error(std::string_view email) {
    if (email.empty()) return std::nullopt;
    static const std::string message = "Enter a valid email address.";
    if (email.size() > 254) return message;
    auto at = email.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return message;
    std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
    auto bad_char = [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' || c == ',' || c == ';' || c == '@'; };
    if (std::any_of(local.begin(), local.end(), bad_char) || std::any_of(domain.begin(), domain.end(), bad_char)) return message;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return message;
    if (domain != "localhost") {
        auto dot = domain.rfind('.');
        if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return message;
        std::string_view tld = domain.substr(dot + 1);
        if (tld.size() < 2 || std::any_of(tld.begin(), tld.end(), [](char c) { return c >= '0' && c <= '9'; })) return message;
        if (domain.find("..") != std::string_view::npos || domain.front() == '-' ) return message;
    }
    return std::nullopt;
}

std::string quoted(std::string_view name) { return "“" + std::string(name) + "”"; }

std::string stripped(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

void add_error(boost::json::object& errors, std::string_view field, std::string message) {
    auto& list = errors[field];
    if (!list.is_array()) list = boost::json::array{};
    list.as_array().push_back(boost::json::value(std::move(message)));
}

}  // namespace gatehouse::admin
