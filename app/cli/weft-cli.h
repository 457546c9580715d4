/* weft-cli.h — what the weft-cli commands share: exit codes, errors, loading fabrics. */
#pragma once

#include <glib.h>

#include "catalog/weft-catalog.h"
#include "metrics/weft-metrics.h"
#include "model/weft-fabric.h"
#include "reliability/weft-reliability.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_EXIT_OK = 0,
  WEFT_EXIT_INPUT = 1,   /* bad input: a file, a value, an impossible fabric */
  WEFT_EXIT_USAGE = 2,   /* wrong usage: unknown command or option, missing argument */
} WeftExit;

typedef int (*WeftCommandFunc) (int argc, char **argv);

int           weft_cli_generate     (int    argc,
                                     char **argv);
int           weft_cli_info         (int    argc,
                                     char **argv);
int           weft_cli_convert      (int    argc,
                                     char **argv);
int           weft_cli_import       (int    argc,
                                     char **argv);
int           weft_cli_metrics      (int    argc,
                                     char **argv);
int           weft_cli_export       (int    argc,
                                     char **argv);
int           weft_cli_compare      (int    argc,
                                     char **argv);
int           weft_cli_sweep        (int    argc,
                                     char **argv);
int           weft_cli_collective   (int    argc,
                                     char **argv);
int           weft_cli_train        (int    argc,
                                     char **argv);

/* A progress bar on stderr, for a terminal. */
void          weft_cli_progress     (double      fraction,
                                     const char *stage,
                                     gpointer    user_data);
/* weft_cli_progress when stderr is a terminal; NULL when it is piped, so logs get no bar. */
WeftMetricsProgress weft_cli_progress_for_stderr (void);
/* What compare builds without --archs: the switched designs most built and the torus (its
 * rings the three nearest the GPU count). Sweep leaves the torus out: its direct all-to-all
 * finds no class of alike GPUs to share work (53 s at 8,192 GPUs), and a sweep times it at
 * every size. Dragonfly+, Slim Fly, HyperX and Jellyfish are there to ask for. */
#define WEFT_CLI_SWEEP_ARCHS   "leaf-spine,fat-tree,rail-optimized,rail-only,dragonfly"
#define WEFT_CLI_COMPARE_ARCHS WEFT_CLI_SWEEP_ARCHS ",torus"
/* "leaf-spine,dragonfly" (NULL: @fallback) into WeftArch values. */
gboolean      weft_cli_parse_archs  (const char  *list,
                                     const char  *fallback,
                                     GArray      *archs,
                                     GError     **error);
/* --archs LIST, for weft_cli_parse_archs, with @description naming the default. */
GOptionEntry  weft_cli_archs_option (char       **list,
                                     const char  *description);
/* --catalog FILE, for weft_cli_catalog and weft_cli_load. */
GOptionEntry  weft_cli_catalog_option (char **path);
/* The hardware options compare and sweep share, as generate spells them. */
typedef struct
{
  char *values[9];    /* speed, protocol, optics, switch, nic, scale-up, gpus-per-server, radix,
                       * planes */
} WeftCliHardware;

/* Adds --speed, --protocol, ... filling @hardware to @context. */
void          weft_cli_add_hardware (GOptionContext  *context,
                                     WeftCliHardware *hardware);
/* The options given, as NULL-terminated "key", "value" pairs. */
GPtrArray    *weft_cli_hardware_settings (const WeftCliHardware *hardware);
void          weft_cli_hardware_clear    (WeftCliHardware       *hardware);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftCliHardware, weft_cli_hardware_clear)

/* --checkpoint-s, --restart-s and --gpu-hour-usd into @given (NAN when not given). */
void          weft_cli_add_checkpointing (GOptionContext    *context,
                                          WeftCheckpointing *given);
/* The catalog's checkpointing for @fabric with what was @given on top; a
 * value no job can have is refused, naming its option. */
gboolean      weft_cli_checkpointing     (WeftFabric               *fabric,
                                          const WeftCheckpointing  *given,
                                          WeftCheckpointing        *out,
                                          GError                  **error);
/* The reliability figures of @fabric, with the degrading losses timed on
 * the default job when @time_degraded and the fabric is small enough. */
WeftReliability *weft_cli_reliability    (WeftFabric               *fabric,
                                          const WeftCheckpointing  *given,
                                          gboolean                  time_degraded,
                                          GError                  **error);

/* Prints "weft-cli: MESSAGE" to stderr and returns @code. */
int           weft_cli_fail         (int         code,
                                     const char *format,
                                     ...) G_GNUC_PRINTF (2, 3);
/* Parses @context; returns WEFT_EXIT_OK, or prints why not and returns the code. */
int           weft_cli_parse        (GOptionContext *context,
                                     int            *argc,
                                     char         ***argv);
/* The default catalog, or the default with @path's parts on top. */
WeftCatalog  *weft_cli_catalog      (const char  *path,
                                     GError     **error);
WeftFabric   *weft_cli_load         (const char  *path,
                                     const char  *catalog_path,
                                     GError     **error);
/* Writes @bytes to @path atomically, or to stdout when @path is NULL or "-". */
gboolean      weft_cli_write        (const char  *path,
                                     GBytes      *bytes,
                                     GError     **error);

G_END_DECLS
