#pragma once
// Core returns error codes with details; the UI words them (translated) with a hint how to fix it.

#include <QString>

#include "core/common/result.h"

namespace ft::ui {

// One paragraph: "file:line: sentence" plus a suggested fix when the code is known.
QString errorText(const ft::Error& error);

// Human-readable byte count ("1.4 GiB").
QString formatBytes(qint64 bytes);
// Parameter count ("124.4 M").
QString formatCount(qint64 count);
// Seconds as "1 h 02 min" / "3 min 05 s" / "12 s".
QString formatDuration(double seconds);

}  // namespace ft::ui
