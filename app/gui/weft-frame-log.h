/* weft-frame-log.h — under WEFT_FRAME_LOG=FILE, every frame the window shows, for measuring how
 * fluid it is. */
#pragma once

#include "gui/weft-window.h"

G_BEGIN_DECLS

typedef struct _WeftFrameLog WeftFrameLog;

/* NULL, and no cost at all, unless WEFT_FRAME_LOG is set. */
WeftFrameLog *weft_frame_log_new  (WeftWindow   *window);
void          weft_frame_log_free (WeftFrameLog *log);

G_END_DECLS
