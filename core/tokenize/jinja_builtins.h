#pragma once
// What a template can call without defining it: filters, tests, the globals transformers provides
// (raise_exception, strftime_now) plus jinja2's (namespace, range, dict), and the Python methods of
// str / dict / list that templates use (.strip(), .items(), ...). Errors carry no line; the
// evaluator adds the line of the expression that failed.

#include "core/tokenize/jinja_value.h"

#include <string>
#include <string_view>
#include <vector>

namespace ft::tok::jinja {

bool hasFilter(std::string_view name);
bool hasTest(std::string_view name);
Result<Value> applyFilter(const std::string& name, const Value& value, const CallArgs& args);
Result<bool> applyTest(const std::string& name, const Value& value, const CallArgs& args);

// jinja2's sandboxed getattr / getitem: `a.b` tries the attribute (a method), then the item;
// `a[b]` the other way round; what is missing is Undefined, but anything taken from an Undefined
// is an error (jinja2's UndefinedError).
Result<Value> getAttr(const Value& object, const std::string& name);
Result<Value> getItem(const Value& object, const Value& key);
Result<Value> getSlice(const Value& object, const Value& start, const Value& stop, const Value& step);

// Python iteration: a list's items, a dict's keys, a string's characters; Undefined is empty.
Result<std::vector<Value>> iterate(const Value& value);

// raise_exception, strftime_now, namespace, range, dict.
DictData globals();

// The error jinja2 raises when an Undefined is used (printed, iterated with a method, added...).
Error undefinedError(const Value& undefined);

}  // namespace ft::tok::jinja
