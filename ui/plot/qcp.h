#pragma once
// The only way ui/ includes QCustomPlot: its header uses the lowercase signals/slots keywords and
// `foreach`, which our strict defines (QT_NO_KEYWORDS, QT_NO_FOREACH) turn off. Map them for the
// header only.

#pragma push_macro("signals")
#pragma push_macro("slots")
#pragma push_macro("foreach")
#undef signals
#undef slots
#undef foreach
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach(decl, container) for (decl : container)
#include <qcustomplot.h>
#pragma pop_macro("foreach")
#pragma pop_macro("slots")
#pragma pop_macro("signals")
