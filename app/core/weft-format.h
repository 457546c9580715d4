/* weft-format.h — numbers as reports print them: "131,072", "$4.2M", "1.5 kW". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 131072 → "131,072" */
char *weft_format_count (guint64 count);

G_END_DECLS
