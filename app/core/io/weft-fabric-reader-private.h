/* weft-fabric-reader-private.h — what the streaming reader and the fabric file's schema share. */
#pragma once

#include "io/weft-fabric-file.h"
#include "model/weft-fabric-private.h"

G_BEGIN_DECLS

typedef enum
{
  SECTION_ROOT,
  SECTION_GENERATOR,
  SECTION_PARAMS,
  SECTION_CLOSED_FORM,
  SECTION_FLOOR,
  SECTION_RACKS,
  SECTION_RACK,
  SECTION_NODES,
  SECTION_NODE,
  SECTION_LINKS,
  SECTION_LINK,
  SECTION_SKIP,
} Section;

typedef struct
{
  Section    section;
  gboolean   is_array;
  guint      index;
  char      *key;
  guint64    keys_seen;    /* bits of the section's known keys given so far */
  GPtrArray *other_keys;   /* keys without a bit (generator parameters), or NULL */
} Frame;

typedef struct
{
  GString    *id;
  guint       row, col, units;
  guint       seen;
} RackRecord;

typedef struct
{
  GString      *id;
  GString      *part;
  WeftNodeKind  kind;
  WeftGroups    groups;
  guint         rack;
  guint         u;
  guint         seen;
} NodeRecord;

enum { SEEN_ID = 1 << 0, SEEN_KIND = 1 << 1, SEEN_PART = 1 << 2, SEEN_A = 1 << 3, SEEN_B = 1 << 4,
       SEEN_SPEED = 1 << 5, SEEN_LANES = 1 << 6 };

typedef struct
{
  WeftCatalog    *catalog;
  WeftFabric     *fabric;
  const char     *origin;
  GArray         *stack;
  GError         *error;

  gboolean        seen_format;
  gboolean        seen_version;
  gboolean        seen_nodes;

  gboolean        has_generator;
  gboolean        has_arch;
  WeftArch        arch;
  GPtrArray      *params;          /* key, value, path triples */
  gboolean        edited;
  WeftClosedForm  closed_form;

  RackRecord      rack;
  NodeRecord      node;
  WeftLink        link;
  guint           link_seen;
} Loader;

/* Scalars arrive as text (numbers keep their exact spelling). */
typedef enum
{
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_BOOL,
  VALUE_NULL,
} ValueType;

/* The JSON path of the value being read, or of the innermost container. */
char        *weft_loader_path          (Loader     *loader,
                                        gboolean    with_current);
/* Records the first error, "<origin>: <path>[.<field>]: <message>"; returns 0 for yajl. */
int          weft_loader_fail          (Loader     *loader,
                                        gboolean    with_current,
                                        const char *field,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (4, 5);
int          weft_loader_fail_type     (Loader     *loader,
                                        const char *expected);
gboolean     weft_loader_uint          (Loader     *loader,
                                        ValueType   type,
                                        const char *text,
                                        guint       max,
                                        guint      *out);
gboolean     weft_loader_group         (Loader     *loader,
                                        ValueType   type,
                                        const char *text,
                                        gint32     *out);
gboolean     weft_loader_double        (Loader     *loader,
                                        ValueType   type,
                                        const char *text,
                                        double      min,
                                        double     *out);
gboolean     weft_loader_string        (Loader     *loader,
                                        ValueType   type,
                                        const char *what);

/* The schema (weft-fabric-records.c): a scalar under @key in @section,
 * the section a container opened under @key starts, a record's defaults
 * when it opens and its checks when it closes. */
int          weft_loader_value         (Loader     *loader,
                                        Section     section,
                                        const char *key,
                                        ValueType   type,
                                        const char *text);
Section      weft_loader_child_section (Section     parent,
                                        const char *key,
                                        gboolean    is_array);
void         weft_loader_begin_record  (Loader     *loader,
                                        Section     section);
/* Fails on the current key, which @section does not take, naming those it does. */
int          weft_loader_unknown_field (Loader     *loader,
                                        Section     section);
/* The bit of @key among @section's known keys, for finding a key given
 * twice; -1 for a key the section does not know (refused with its value)
 * or a section whose keys are open-ended (generator parameters). */
int          weft_loader_key_bit       (Section     section,
                                        const char *key);
int          weft_loader_end_record    (Loader     *loader,
                                        Section     section);

G_END_DECLS
