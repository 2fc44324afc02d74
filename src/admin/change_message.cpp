#include "admin/change_message.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>

namespace gatehouse::admin {
namespace {

namespace json = boost::json;

// Labels as Django 3.2's admin forms carry them (verbose_name with capfirst, translations
// off); the generator script prints the same table from Django, and the test compares.
constexpr FormField user_fields[] = {
    {"username", "Username"},
    {"password", "Password"},
    {"first_name", "First name"},
    {"last_name", "Last name"},
    {"email", "Email address"},
    {"is_active", "Active"},
    {"is_staff", "Staff status"},
    {"is_superuser", "Superuser status"},
    {"groups", "Groups"},
    {"user_permissions", "User permissions"},
    {"last_login", "Last login"},
    {"date_joined", "Date joined"},
};
constexpr FormField group_fields[] = {
    {"name", "Name"},
    {"permissions", "Permissions"},
};

std::string_view label_in(std::span<const FormField> fields, std::string_view name) {
    for (const FormField& field : fields) {
        if (field.name == name) return field.label;
    }
    return {};
}

// One code point of well-formed UTF-8 at s[i] (advancing i); nullopt, with i past the first
// byte, for anything else (overlong forms, surrogates, beyond U+10FFFF, truncation).
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07, minimum = 0x10000;
    } else {
        ++i;
        return std::nullopt;
    }
    if (i + length > s.size()) {
        ++i;
        return std::nullopt;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return std::nullopt;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return std::nullopt;
    }
    i += length;
    return cp;
}

void append_u_escape(std::string& out, char32_t unit) {
    static constexpr char hex[] = "0123456789abcdef";  // Python writes lowercase
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(unit >> shift) & 0xF];
}

// json.dumps(s) with its defaults (ensure_ascii=True): printable ASCII as is, the six short
// escapes, and every other character as \uXXXX (DEL included: Python escapes all but
// ' '..'~').
void append_python_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const std::optional<char32_t> decoded = next_code_point(s, i);
        const char32_t cp = decoded.value_or(0xFFFD);
        switch (cp) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            default: break;
        }
        if (cp >= 0x20 && cp <= 0x7E) {
            out += static_cast<char>(cp);
        } else if (cp >= 0x10000) {
            append_u_escape(out, 0xD800 + ((cp - 0x10000) >> 10));
            append_u_escape(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            append_u_escape(out, cp);
        }
    }
    out += '"';
}

// Django's gettext() in English: no catalogue entry differs from its msgid, but gettext
// first turns "\r\n" and "\r" into "\n" (trans_real.gettext), so names and field labels
// come back with Unix line ends. The object's text is not passed through gettext.
std::string gettext(std::string_view message) {
    std::string out;
    out.reserve(message.size());
    for (std::size_t i = 0; i < message.size(); ++i) {
        if (message[i] != '\r') {
            out += message[i];
        } else {
            out += '\n';
            if (i + 1 < message.size() && message[i + 1] == '\n') ++i;
        }
    }
    return out;
}

// Python's truthiness of a JSON value, for `if sub_message['added']:`.
bool truthy(const json::value& v) {
    switch (v.kind()) {
        case json::kind::null: return false;
        case json::kind::bool_: return v.get_bool();
        case json::kind::int64: return v.get_int64() != 0;
        case json::kind::uint64: return v.get_uint64() != 0;
        case json::kind::double_: return v.get_double() != 0.0;
        case json::kind::string: return !v.get_string().empty();
        case json::kind::array: return !v.get_array().empty();
        case json::kind::object: return !v.get_object().empty();
    }
    return false;
}

// str(value) as str.format writes "{object}", for the values it is easy to be exact about.
std::optional<std::string> python_str(const json::value& v) {
    switch (v.kind()) {
        case json::kind::string: return std::string(v.get_string());
        case json::kind::int64: return std::to_string(v.get_int64());
        case json::kind::uint64: return std::to_string(v.get_uint64());
        case json::kind::bool_: return std::string(v.get_bool() ? "True" : "False");
        case json::kind::null: return std::string("None");
        default: return std::nullopt;  // float and container reprs: not worth imitating
    }
}

// gettext(value), which needs a str (it calls .replace on it).
std::optional<std::string> translated(const json::value* v) {
    if (!v || !v->is_string()) return std::nullopt;
    return gettext(v->get_string());
}

// `key in sub_message`, which Python answers for dicts (a key), strings (a substring) and
// lists (an equal element), and raises on for numbers, booleans and None.
std::optional<bool> python_contains(const json::value& container, std::string_view key) {
    switch (container.kind()) {
        case json::kind::object: return container.get_object().contains(key);
        case json::kind::string: return std::string_view(container.get_string()).find(key) != std::string_view::npos;
        case json::kind::array:
            for (const json::value& element : container.get_array()) {
                if (element.is_string() && element.get_string() == key) return true;
            }
            return false;
        default: return std::nullopt;
    }
}

// get_text_list(items, 'and'): "a", "a and b", "a, b and c"; "" for none.
std::string text_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

// The gettext'd labels of `for field_name in sub_message['changed']['fields']`: a list of
// strings, a string (its characters) or an object (its keys).
std::optional<std::vector<std::string>> field_labels(const json::value& fields) {
    std::vector<std::string> labels;
    if (fields.is_array()) {
        for (const json::value& field : fields.get_array()) {
            std::optional<std::string> label = translated(&field);
            if (!label) return std::nullopt;
            labels.push_back(std::move(*label));
        }
    } else if (fields.is_string()) {
        const std::string_view text = fields.get_string();
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t start = i;
            next_code_point(text, i);  // Boost.JSON strings are valid UTF-8
            labels.push_back(gettext(text.substr(start, i - start)));
        }
    } else if (fields.is_object()) {
        for (const auto& member : fields.get_object()) labels.push_back(gettext(member.key()));
    } else {
        return std::nullopt;
    }
    return labels;
}

// The sentence for {"name": ..., "object": ...} after `prefix` ("Added ", "Deleted "), or
// "Changed {fields} for ": "{prefix}{name} “{object}”."
std::optional<std::string> named_object_sentence(std::string prefix, const json::object& entry) {
    std::optional<std::string> name = translated(entry.if_contains("name"));
    const json::value* object = entry.if_contains("object");
    std::optional<std::string> object_text = object ? python_str(*object) : std::nullopt;
    if (!name || !object_text) return std::nullopt;
    return prefix + *name + " \u201C" + *object_text + "\u201D.";
}

// One sub-message's sentence: "" when Django skips it, nullopt where Django raises.
std::optional<std::string> sentence(const json::value& sub_message) {
    for (std::string_view key : {"added", "changed", "deleted"}) {
        const std::optional<bool> found = python_contains(sub_message, key);
        if (!found) return std::nullopt;
        if (!*found) continue;
        if (!sub_message.is_object()) return std::nullopt;  // "...added..."['added']
        const json::value& entry = sub_message.get_object().at(key);
        if (key == "added") {
            if (!truthy(entry)) return std::string("Added.");
            if (!entry.is_object()) return std::nullopt;
            return named_object_sentence("Added ", entry.get_object());
        }
        if (!entry.is_object()) return std::nullopt;
        const json::object& details = entry.get_object();
        if (key == "deleted") return named_object_sentence("Deleted ", details);
        const json::value* fields = details.if_contains("fields");
        std::optional<std::vector<std::string>> labels = fields ? field_labels(*fields) : std::nullopt;
        if (!labels) return std::nullopt;
        if (!details.contains("name")) return "Changed " + text_list(*labels) + ".";
        return named_object_sentence("Changed " + text_list(*labels) + " for ", details);
    }
    return std::string();
}

std::string changed_fields_message(const std::vector<std::string>& labels) {
    std::string out = R"([{"changed": {"fields": [)";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0) out += ", ";
        append_python_json_string(out, labels[i]);
    }
    return out + "]}}]";
}

}  // namespace

std::string addition_message() { return R"([{"added": {}}])"; }

std::string change_message(const std::vector<std::string>& changed_field_labels) {
    // construct_change_message appends the "changed" entry only when form.changed_data is
    // non-empty; log_action then stores json.dumps([]).
    if (changed_field_labels.empty()) return "[]";
    return changed_fields_message(changed_field_labels);
}

std::string password_change_message() { return changed_fields_message({"password"}); }

std::string deletion_message() { return {}; }

std::string render_change_message(std::string_view stored) {
    if (stored.empty() || stored.front() != '[') return std::string(stored);
    boost::system::error_code ec;
    const json::value parsed = json::parse(stored, ec);  // max_depth 32, strict RFC 8259
    if (ec || !parsed.is_array()) return std::string(stored);
    std::string out;
    for (const json::value& sub_message : parsed.get_array()) {
        const std::optional<std::string> text = sentence(sub_message);
        if (!text) return std::string(stored);
        if (text->empty()) continue;
        // Django upper-cases each sentence's first character; every English sentence
        // already starts with "Added", "Changed" or "Deleted".
        if (!out.empty()) out += ' ';
        out += *text;
    }
    return out.empty() ? std::string("No fields changed.") : out;
}

std::string_view user_field_label(std::string_view field_name) { return label_in(user_fields, field_name); }
std::string_view group_field_label(std::string_view field_name) { return label_in(group_fields, field_name); }

std::span<const FormField> user_change_form_fields() { return user_fields; }
std::span<const FormField> group_form_fields() { return group_fields; }

}  // namespace gatehouse::admin
