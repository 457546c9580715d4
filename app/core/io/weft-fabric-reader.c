/* weft-fabric-reader.c — reading fabric files as a stream (yajl), with the JSON path of every
 * error. */
#include "io/weft-fabric-reader-private.h"

#include <gio/gio.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "io/weft-input.h"
#include "util/weft-format.h"

#define DEFAULT_FABRIC_RESOURCE "/io/github/weft/Weft/examples/default.weft.json"

G_DEFINE_QUARK (weft-file-error-quark, weft_file_error)

/* yajl hands us one token at a time, so a 131,072-GPU fabric is read
 * without building a document tree; a stack of frames remembers where in
 * the document each token sits, for the error messages. */

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_free (frame->key);
  g_clear_pointer (&frame->other_keys, g_ptr_array_unref);
}

static Frame *
top_frame (Loader *loader)
{
  return &g_array_index (loader->stack, Frame, loader->stack->len - 1);
}

static void
append_position (GString     *path,
                 const Frame *frame)
{
  if (frame->is_array)
    g_string_append_printf (path, "[%u]", frame->index);
  else
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, frame->key ? frame->key : "");
    }
}

/* The JSON path of the value being read, or of the innermost container. */
char *
weft_loader_path (Loader   *loader,
             gboolean  with_current)
{
  GString *path = g_string_new (NULL);
  guint n = loader->stack->len;

  for (guint i = 0; i + 1 < n; i++)
    append_position (path, &g_array_index (loader->stack, Frame, i));
  if (with_current && n > 0)
    append_position (path, top_frame (loader));
  return g_string_free (path, FALSE);
}

int
weft_loader_fail (Loader     *loader,
             gboolean    with_current,
             const char *field,
             const char *format,
             ...)
{
  g_autofree char *path = weft_loader_path (loader, with_current);
  g_autofree char *message = NULL;
  va_list args;

  if (loader->error != NULL)
    return 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&loader->error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT, "%s: %s%s%s%s%s",
               loader->origin, path, field && *path ? "." : "", field ? field : "",
               *path || field ? ": " : "", message);
  return 0;
}

int
weft_loader_fail_type (Loader     *loader,
           const char *expected)
{
  return weft_loader_fail (loader, TRUE, NULL, "expected %s", expected);
}

static const char *
current_key (Loader *loader)
{
  Frame *frame = top_frame (loader);

  return frame->is_array ? NULL : frame->key;
}

static void
advance (Loader *loader)
{
  Frame *frame = top_frame (loader);

  if (frame->is_array)
    frame->index++;
}

/* Scalars arrive here as text (numbers keep their exact spelling). */


gboolean
weft_loader_uint (Loader     *loader,
            ValueType   type,
            const char *text,
            guint       max,
            guint      *out)
{
  guint64 number;

  if (type != VALUE_NUMBER || !g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    {
      weft_loader_fail (loader, TRUE, NULL, "expected a whole number from 0 to %u", max);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

gboolean
weft_loader_group (Loader     *loader,
             ValueType   type,
             const char *text,
             gint32     *out)
{
  guint value;

  if (!weft_loader_uint (loader, type, text, G_MAXINT32, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
weft_loader_double (Loader     *loader,
              ValueType   type,
              const char *text,
              double      min,
              double     *out)
{
  double value;

  if (type != VALUE_NUMBER)
    {
      weft_loader_fail (loader, TRUE, NULL, "expected a number");
      return FALSE;
    }
  value = g_ascii_strtod (text, NULL);
  if (!(value >= min) || value > 1e9)
    {
      weft_loader_fail (loader, TRUE, NULL, "%s is out of range", text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
weft_loader_string (Loader     *loader,
              ValueType   type,
              const char *what)
{
  if (type == VALUE_STRING)
    return TRUE;
  weft_loader_fail (loader, TRUE, NULL, "expected %s", what);
  return FALSE;
}


static int
on_value (Loader     *loader,
          ValueType   type,
          const char *text)
{
  int ok;

  if (loader->stack->len == 0)
    return weft_loader_fail (loader, FALSE, NULL, "expected a JSON object at the top");
  ok = weft_loader_value (loader, top_frame (loader)->section, current_key (loader), type, text);
  advance (loader);
  return ok;
}

static int
on_null (void *ctx)
{
  return on_value (ctx, VALUE_NULL, "null");
}

static int
on_boolean (void *ctx,
            int   value)
{
  return on_value (ctx, VALUE_BOOL, value ? "true" : "false");
}

static int
on_number (void       *ctx,
           const char *text,
           size_t      length)
{
  g_autofree char *copy = g_strndup (text, length);

  return on_value (ctx, VALUE_NUMBER, copy);
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               length)
{
  char buf[256];
  g_autofree char *heap = NULL;
  char *copy = buf;

  /* yajl decodes \u0000 and passes the length: a C string would be cut
   * at the NUL, so "lab\u0000 hidden" would silently become "lab". */
  if (memchr (text, '\0', length) != NULL)
    {
      Loader *loader = ctx;

      if (loader->stack->len == 0)
        return weft_loader_fail (loader, FALSE, NULL, "expected a JSON object at the top");
      return weft_loader_fail (loader, TRUE, NULL, "contains a NUL character (\\u0000)");
    }
  if (length >= sizeof buf)
    copy = heap = g_malloc (length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  return on_value (ctx, VALUE_STRING, copy);
}

/* yajl, like most JSON parsers, lets the last of two equal keys win; in a
 * fabric file that hides a mistake, so a key given twice is refused. */
static gboolean
key_seen_before (Frame      *frame,
                 const char *key)
{
  int bit = weft_loader_key_bit (frame->section, key);

  if (bit >= 0)
    {
      guint64 mask = G_GUINT64_CONSTANT (1) << bit;

      if (frame->keys_seen & mask)
        return TRUE;
      frame->keys_seen |= mask;
      return FALSE;
    }
  /* Generator parameters: a handful, compared one by one. Unknown keys
   * of other sections are refused with their value and need no record. */
  if (frame->section != SECTION_PARAMS)
    return FALSE;
  if (frame->other_keys == NULL)
    frame->other_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < frame->other_keys->len; i++)
    if (g_str_equal (g_ptr_array_index (frame->other_keys, i), key))
      return TRUE;
  g_ptr_array_add (frame->other_keys, g_strdup (key));
  return FALSE;
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               length)
{
  Loader *loader = ctx;
  Frame *frame = top_frame (loader);

  g_free (frame->key);
  frame->key = g_strndup ((const char *) key, length);
  if (memchr (key, '\0', length) != NULL)
    return weft_loader_fail (loader, TRUE, NULL, "the key contains a NUL character (\\u0000)");
  if (key_seen_before (frame, frame->key))
    return weft_loader_fail (loader, TRUE, NULL, "duplicate key: given twice in this object");
  return 1;
}

static int
open_container (Loader   *loader,
                gboolean  is_array)
{
  Section section;
  Frame frame = { SECTION_SKIP, is_array, 0, NULL, 0, NULL };

  if (loader->stack->len == 0)
    section = is_array ? SECTION_SKIP : SECTION_ROOT;
  else
    section =
        weft_loader_child_section (top_frame (loader)->section, current_key (loader), is_array);
  if (section == SECTION_SKIP)
    {
      if (loader->stack->len == 0)
        return weft_loader_fail (loader, FALSE, NULL, "expected a JSON object at the top");
      return weft_loader_fail (loader, TRUE, NULL,
                               is_array ? "unexpected list" : "unexpected object");
    }

  weft_loader_begin_record (loader, section);
  frame.section = section;
  g_array_append_val (loader->stack, frame);
  return 1;
}

static int
on_start_map (void *ctx)
{
  return open_container (ctx, FALSE);
}

static int
on_start_array (void *ctx)
{
  return open_container (ctx, TRUE);
}


static int
on_end_container (void *ctx)
{
  Loader *loader = ctx;
  int ok = weft_loader_end_record (loader, top_frame (loader)->section);

  g_array_set_size (loader->stack, loader->stack->len - 1);
  if (loader->stack->len > 0)
    advance (loader);
  return ok;
}

static const yajl_callbacks callbacks = {
  on_null,
  on_boolean,
  NULL,
  NULL,
  on_number,
  on_string,
  on_start_map,
  on_map_key,
  on_end_container,
  on_start_array,
  on_end_container,
};

static gboolean
finish_generator (Loader  *loader,
                  GError **error)
{
  g_auto(WeftGenParams) params = { 0 };

  if (!loader->has_generator)
    return TRUE;
  if (!loader->has_arch)
    {
      g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT,
                   "%s: generator.arch: missing", loader->origin);
      return FALSE;
    }

  weft_gen_params_init (&params, loader->arch);
  for (guint i = 0; i < loader->params->len; i += 3)
    {
      g_autoptr(GError) local_error = NULL;

      if (!weft_gen_params_set (&params, g_ptr_array_index (loader->params, i),
                                g_ptr_array_index (loader->params, i + 1), &local_error))
        {
          g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT, "%s: %s: %s",
                       loader->origin, (char *) g_ptr_array_index (loader->params, i + 2),
                       local_error->message);
          return FALSE;
        }
    }

  weft_fabric_set_generator (loader->fabric, &params, &loader->closed_form);
  weft_fabric_set_edited (loader->fabric, loader->edited);
  return TRUE;
}

static gboolean
blank (const char *data,
       gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* @consumed: how far the parse got in @data — where the call that failed
 * stopped, or the end of the data when the text stopped too soon
 * (@cut_short), which yajl calls a "premature EOF": say what it means. */
static void
set_syntax_error (Loader       *loader,
                  yajl_handle   handle,
                  const char   *data,
                  gsize         length,
                  gsize         consumed,
                  gboolean      cut_short,
                  GError      **error)
{
  unsigned char *message = yajl_get_error (handle, 0, (const unsigned char *) data, length);
  guint line = 1, column = 1;

  consumed = MIN (consumed, length);
  for (gsize i = 0; i < consumed; i++)
    {
      if (data[i] == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }
  if (cut_short && blank (data, length))
    g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_SYNTAX, "%s: the file is empty",
                 loader->origin);
  else if (cut_short)
    g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_SYNTAX,
                 "%s: line %u, column %u: the file ends here, before its last record is "
                 "complete: it was cut short (an interrupted copy or download?)",
                 loader->origin, line, column);
  else
    g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_SYNTAX, "%s: line %u, column %u: %s",
                 loader->origin, line, column, g_strstrip ((char *) message));
  yajl_free_error (handle, message);
}

/* A generated fabric has GPUs: a file that says which generator made it
 * but holds no node was cut or emptied by hand. */
static gboolean
check_generated_nodes (Loader  *loader,
                       GError **error)
{
  if (!loader->has_arch || weft_fabric_get_n_nodes (loader->fabric) > 0)
    return TRUE;
  g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT,
               "%s: nodes: a generated %s fabric has no nodes", loader->origin,
               weft_arch_to_string (loader->arch));
  return FALSE;
}

WeftFabric *
weft_fabric_load_data (WeftCatalog  *catalog,
                       const char   *data,
                       gsize         length,
                       const char   *origin,
                       GError      **error)
{
  g_autoptr(WeftFabric) fabric = weft_fabric_new (catalog);
  Loader loader = { catalog, fabric, origin };
  yajl_handle handle;
  yajl_status status;
  gboolean cut_short = FALSE;
  gsize consumed;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), NULL);

  loader.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (loader.stack, frame_clear);
  loader.params = g_ptr_array_new_with_free_func (g_free);
  loader.rack.id = g_string_new (NULL);
  loader.node.id = g_string_new (NULL);
  loader.node.part = g_string_new (NULL);

  handle = yajl_alloc (&callbacks, NULL, &loader);
  status = yajl_parse (handle, (const unsigned char *) data, length);
  /* Where the parse stopped is read from the call that failed: after
   * yajl_complete_parse, yajl_get_bytes_consumed counts only what that
   * call was given (nothing), so a file cut anywhere said "column 2". */
  consumed = yajl_get_bytes_consumed (handle);
  if (status == yajl_status_ok)
    {
      status = yajl_complete_parse (handle);
      consumed = length;
      cut_short = status != yajl_status_ok;
    }

  if (loader.error != NULL)
    g_propagate_error (error, g_steal_pointer (&loader.error));
  else if (status != yajl_status_ok)
    set_syntax_error (&loader, handle, data, length, consumed, cut_short, error);
  else if (!loader.seen_format || !loader.seen_version)
    g_set_error (
        error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_FORMAT,
        "%s: not a Weft fabric file (it needs \"format\": \"weft-fabric\" and \"version\": 1)",
        origin);
  else if (finish_generator (&loader, error) && check_generated_nodes (&loader, error))
    weft_fabric_place_links (fabric);
  else
    g_clear_object (&fabric);

  yajl_free (handle);
  g_array_unref (loader.stack);
  g_ptr_array_unref (loader.params);
  g_string_free (loader.rack.id, TRUE);
  g_string_free (loader.node.id, TRUE);
  g_string_free (loader.node.part, TRUE);

  if (error != NULL && *error != NULL)
    {
      /* The message quotes the file (keys, ids, values): one printable line. */
      char *line = weft_format_one_line ((*error)->message);

      g_free ((*error)->message);
      (*error)->message = line;
      return NULL;
    }
  return g_steal_pointer (&fabric);
}

WeftFabric *
weft_fabric_load_file (WeftCatalog  *catalog,
                       const char   *path,
                       GError      **error)
{
  g_auto(WeftInput) input = { 0 };

  /* "-" reads standard input; a folder or a device is refused by name
   * rather than with mmap's "No such device". */
  if (!weft_input_read (&input, path, error))
    return NULL;
  return weft_fabric_load_data (catalog, input.data, input.length, input.display, error);
}

WeftFabric *
weft_fabric_load_default (WeftCatalog *catalog)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  WeftFabric *fabric = NULL;

  bytes = g_resources_lookup_data (DEFAULT_FABRIC_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    fabric = weft_fabric_load_data (catalog, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), "default fabric", &error);
  if (bytes == NULL || fabric == NULL)
    g_error ("The built-in default fabric is broken: %s", error->message);
  return fabric;
}

