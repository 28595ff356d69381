#pragma once
// Core speaks UTF-8 std::string; the UI converts at this one edge.

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace ft::ui {

inline QString toQ(const std::string& s) { return QString::fromStdString(s); }
inline std::string toStd(const QString& s) { return s.toStdString(); }

inline QStringList toQList(const std::vector<std::string>& v) {
    QStringList out;
    out.reserve(static_cast<int>(v.size()));
    for (const auto& s : v) out.append(toQ(s));
    return out;
}

inline std::vector<std::string> toStdList(const QStringList& l) {
    std::vector<std::string> out;
    out.reserve(static_cast<size_t>(l.size()));
    for (const auto& s : l) out.push_back(toStd(s));
    return out;
}

}  // namespace ft::ui
