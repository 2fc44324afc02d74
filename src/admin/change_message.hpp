#pragma once
// The change messages of django_admin_log, byte for byte as Django 3.2's admin stores them
// and as LogEntry.get_change_message() renders them (in English), so a history page reads
// the same whichever of Django and gatehouse wrote the row, and each reads the other's rows.
// Pure: strings in, strings out. Checked against Django itself by
// tests/admin/make_change_message_vectors.py.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::admin {

// An addition (ModelAdmin.log_addition after construct_change_message(add=True)):
// [{"added": {}}]
std::string addition_message();

// A change through a change form: [{"changed": {"fields": ["Email address", "Active"]}}]
// with the labels of the changed fields in form order (user_change_form_fields() below), or
// [] when the form changed nothing (Django logs that save too; it renders "No fields
// changed."). Written as Python's json.dumps writes it: ", " and ": " separators, every
// character outside printable ASCII as \uXXXX (lowercase hex, surrogate pairs beyond the BMP).
// Invalid UTF-8 in a label (a Python str cannot hold it) is written as \ufffd.
std::string change_message(const std::vector<std::string>& changed_field_labels);

// /admin/auth/user/<id>/password/: AdminPasswordChangeForm reports its changed_data as
// ["password"], a name that is not one of its fields, so Django stores the field *name*
// (lower case), not a label: [{"changed": {"fields": ["password"]}}] ("Changed password.").
std::string password_change_message();

// A deletion (ModelAdmin.log_deletion, also for the bulk "delete selected" action) passes no
// message, so log_action stores its default, the empty string (the history shows nothing).
std::string deletion_message();

// What LogEntry.get_change_message() returns for a stored change_message:
// - text that does not start with "[" (Django 1.x messages, "", ...) as it is;
// - text starting with "[" that is not JSON, as it is (Django catches JSONDecodeError);
// - a JSON list: one sentence per entry ("Added.", "Changed {fields}.", "Added {name}
//   “{object}”.", "Changed {fields} for {name} “{object}”.", "Deleted {name} “{object}”."),
//   field lists joined as get_text_list does ("a, b and c"), sentences joined by a space,
//   and "No fields changed." when there is none.
// Where Django itself raises on a stored list (a message no Django version writes, e.g.
// {"added": {"object": "x"}} without "name"; the history page would answer 500), and for
// JSON that only Python's reader accepts (NaN, Infinity, lone surrogates, more than 32
// levels), and for an "object" that is neither a string, an integer that fits 64 bits, a
// boolean nor null (Django would print Python's repr of it), this returns the stored text as
// it is. Never throws.
std::string render_change_message(std::string_view stored);

// The label construct_change_message puts in the message for a field of the admin's user
// change form (UserAdmin: UserChangeForm with UserAdmin.fieldsets) or group form, e.g.
// "email" -> "Email address", "is_active" -> "Active"; empty for a name the form does not
// have. These are the models' verbose names with the first letter capitalised, read with
// translations off, as Django stores them.
std::string_view user_field_label(std::string_view field_name);
std::string_view group_field_label(std::string_view field_name);

struct FormField {
    std::string_view name;
    std::string_view label;
};
// The forms' fields in form order, the order of form.changed_data and so of the labels in
// a change message: iterate these and collect the labels of the fields that changed.
std::span<const FormField> user_change_form_fields();
std::span<const FormField> group_form_fields();

}  // namespace gatehouse::admin
