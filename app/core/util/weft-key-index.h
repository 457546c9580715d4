/* weft-key-index.h — a value per 64-bit key, in an open-addressing table.
 *
 * For the metrics passes that meet tens of thousands of keys (pairs of
 * classes, pairs of switches, hashes of exit lists): GHashTable would need
 * an allocation per 64-bit key. Values are the caller's; WEFT_KEY_EMPTY
 * marks a key seen for the first time.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

#define WEFT_KEY_EMPTY G_MAXUINT32

typedef struct
{
  guint64 *keys;
  guint32 *values;
  guint32  mask;
  guint32  len;
} WeftKeyIndex;

/* A 64-bit mix (the MurmurHash3 finalizer): every input bit moves every output bit. */
static inline guint64
weft_key_mix (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

/* Folds @word into the running hash @h: cheap, for long keys that get one
 * weft_key_mix at the end (and that are compared in full on a match). */
static inline guint64
weft_key_fold (guint64 h,
               guint64 word)
{
  return (h ^ word) * G_GUINT64_CONSTANT (0x100000001b3);
}

/* A double's bits, to hash or compare it exactly. */
static inline guint64
weft_key_double (double x)
{
  guint64 bits;

  memcpy (&bits, &x, sizeof bits);
  return bits;
}

static inline void
weft_key_index_init (WeftKeyIndex *index,
                     guint         expected)
{
  guint32 size = 16;

  while (size < 2 * (guint64) expected)
    size *= 2;
  index->keys = g_new (guint64, size);
  index->values = g_new (guint32, size);
  memset (index->values, 0xff, size * sizeof (guint32));
  index->mask = size - 1;
  index->len = 0;
}

static inline void
weft_key_index_clear (WeftKeyIndex *index)
{
  g_clear_pointer (&index->keys, g_free);
  g_clear_pointer (&index->values, g_free);
  index->len = 0;
}

static inline guint32 *
weft_key_index_probe (WeftKeyIndex *index,
                      guint64       key)
{
  for (guint32 i = (guint32) weft_key_mix (key) & index->mask;; i = (i + 1) & index->mask)
    if (index->values[i] == WEFT_KEY_EMPTY || index->keys[i] == key)
      {
        index->keys[i] = key;
        return &index->values[i];
      }
}

/* Where @key's value lives: WEFT_KEY_EMPTY when @key is new, and the caller
 * then stores a value there (before the next call). */
static inline guint32 *
weft_key_index_slot (WeftKeyIndex *index,
                     guint64       key)
{
  guint32 *slot;

  if (2 * (index->len + 1) > index->mask + 1)
    {
      WeftKeyIndex bigger;

      weft_key_index_init (&bigger, index->mask + 1);
      for (guint32 i = 0; i <= index->mask; i++)
        if (index->values[i] != WEFT_KEY_EMPTY)
          *weft_key_index_probe (&bigger, index->keys[i]) = index->values[i];
      bigger.len = index->len;
      weft_key_index_clear (index);
      *index = bigger;
    }
  slot = weft_key_index_probe (index, key);
  if (*slot == WEFT_KEY_EMPTY)
    index->len++;
  return slot;
}

G_END_DECLS
