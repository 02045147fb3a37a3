/* The block features in C: the same columns, the same bits as the NumPy readings, the first
 * stage's matrix of thresher.label.features (fill_rows) and the second stage's context
 * features of thresher.label.context (fill_context).
 *
 * features.py computes each group of columns with NumPy; on a page of a few hundred blocks
 * its time goes to the hundreds of small array operations, not to the arithmetic. Here one
 * pass per group fills the rows in place. The arithmetic is NumPy's, step by step: float32
 * where NumPy computes in float32, float64 where it does, the same order of additions. Two
 * things are left to the caller so that both readings give the same bits: the page-wide
 * values (the same in every row) and log1p, which NumPy computes with its own SIMD code on
 * some processors, where it may differ in the last bit from the C library's. The columns
 * features.py names in LOGGED_IN_C are written here as the value before log1p. Likewise the
 * context's page-wide share, a NumPy sum whose order of additions is NumPy's own.
 *
 * Built by setup.py when a C compiler is at hand, without contracting a multiplication and an
 * addition into one rounding (-ffp-contract=off), which NumPy does not; without a compiler,
 * both modules compute the columns with NumPy.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How a page's blocks and elements arrive: tuples of Python values, one per block or element,
 * in the order features.py passes them. */
enum { KIND, ELEMENT, POSITION, LINK_CHARS, LINKS, LIST_DEPTH, HEADER_ROW, BLOCK_FACTS };
enum {
    CHARS,
    WORDS,
    FUNCTION_SHARE,
    DIGITS,
    COMMAS,
    SENTENCES,
    ENDS_WITH_STOP,
    CAPITAL_START,
    DATE_LIKE,
    PRICE_LIKE,
    DESCRIPTION_MATCH,
    TITLE_MATCH,
    TEXT_REPEATS,
    TEXT_COUNTS
};
enum {
    E_PARENT,
    E_DEPTH,
    E_CHARS,
    E_LINK_CHARS,
    E_ENTER,
    E_EXIT,
    E_OWN_TOKENS,
    E_TOKENS,
    E_TAGS,
    E_HIDDEN,
    E_REPEATS,
    E_SAME_TAG,
    ELEMENT_FACTS
};
/* The shape of the columns, from features.py: how many kinds, categories and structural tags,
 * the code of h1, the ancestor levels read and the neighbour window. */
enum { S_KINDS, S_CATEGORIES, S_TAGS, S_H1, S_LEVELS, S_WINDOW, SHAPE_FACTS };

typedef struct {
    Py_ssize_t n, m;
    int64_t *block[BLOCK_FACTS];
    double *counts[TEXT_COUNTS];
    int64_t *element[ELEMENT_FACTS];
    const float *log_chars;
    long shape[SHAPE_FACTS];
    /* derived per block */
    float *chars, *link_density, *heading;
    int64_t *at, *parent_of, *sorted_positions;
    double total; /* max(sum of chars, 1) */
    Py_ssize_t title_index, first_h1;
} Page;

typedef struct {
    float *rows;
    Py_ssize_t width, column;
} Out;

static inline void
put(Out *out, Py_ssize_t row, float value)
{
    out->rows[row * out->width + out->column] = value;
}

/* ---- reading the Python values ------------------------------------------------------- */

/* The values of a sequence of Python numbers, as int64 (longs) or as float64 (doubles, which
 * bools and ints convert to as well); exactly ``expected`` of them. */
static int
read_values(PyObject *values, Py_ssize_t expected, int64_t *longs, double *doubles,
            const char *name)
{
    PyObject *fast = PySequence_Fast(values, name);
    if (fast == NULL) {
        return -1;
    }
    int failed = 0;
    if (PySequence_Fast_GET_SIZE(fast) != expected) {
        PyErr_Format(PyExc_ValueError, "%s: %zd values where %zd were expected", name,
                     PySequence_Fast_GET_SIZE(fast), expected);
        failed = -1;
    }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < expected && !failed; i++) {
        if (longs != NULL) {
            longs[i] = PyLong_AsLongLong(items[i]);
            failed = longs[i] == -1 && PyErr_Occurred() ? -1 : 0;
        } else {
            doubles[i] = PyFloat_AsDouble(items[i]);
            failed = doubles[i] == -1.0 && PyErr_Occurred() ? -1 : 0;
        }
    }
    Py_DECREF(fast);
    return failed;
}

static int
read_columns(PyObject *tuple, int count, Py_ssize_t size, int64_t **longs, double **doubles,
             const char *name)
{
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != count) {
        PyErr_Format(PyExc_TypeError, "%s must be a tuple of %d sequences", name, count);
        return -1;
    }
    for (int k = 0; k < count; k++) {
        PyObject *column = PyTuple_GET_ITEM(tuple, k);
        if (read_values(column, size, longs ? longs[k] : NULL, longs ? NULL : doubles[k],
                        name) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- what the groups share ------------------------------------------------------------- */

static int
compare_positions(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void
derive(Page *p)
{
    double total = 0.0;
    p->title_index = p->n;
    p->first_h1 = p->n;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        float chars = (float)p->counts[CHARS][i];
        p->chars[i] = chars;
        float link_density = (float)p->block[LINK_CHARS][i] / (chars > 1.0f ? chars : 1.0f);
        p->link_density[i] = link_density < 1.0f ? link_density : 1.0f;
        int64_t kind = p->block[KIND][i];
        p->heading[i] = (kind >= 1 && kind <= 6) ? 1.0f : 0.0f;
        int64_t element = p->block[ELEMENT][i];
        p->at[i] = element > 0 ? element : 0;
        p->parent_of[i] = p->element[E_PARENT][p->at[i]];
        p->sorted_positions[i] = p->block[POSITION][i];
        total += chars;
        if (p->title_index == p->n && p->counts[TITLE_MATCH][i] > 0) {
            p->title_index = i;
        }
        if (p->first_h1 == p->n && kind == p->shape[S_H1]) {
            p->first_h1 = i;
        }
    }
    p->total = total > 1.0 ? total : 1.0;
    qsort(p->sorted_positions, (size_t)p->n, sizeof(int64_t), compare_positions);
}

/* How many block positions lie in [low, high] (NumPy's searchsorted right less left). */
static Py_ssize_t
positions_within(const Page *p, int64_t low, int64_t high)
{
    Py_ssize_t lo = 0, hi = p->n;
    while (lo < hi) { /* the first position >= low */
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (p->sorted_positions[mid] < low) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Py_ssize_t first = lo;
    hi = p->n;
    while (lo < hi) { /* the first position > high */
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (p->sorted_positions[mid] <= high) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo - first;
}

static inline float
holds(const Page *p, int64_t element, Py_ssize_t block)
{
    int64_t position = p->block[POSITION][block];
    return (position >= p->element[E_ENTER][element] && position <= p->element[E_EXIT][element])
               ? 1.0f
               : 0.0f;
}

static inline float
at_least_one(float value)
{
    return value > 1.0f ? value : 1.0f;
}

static void
bits(Out *out, const Page *p, const int64_t *values, long count)
{
    for (long bit = 0; bit < count; bit++, out->column++) {
        for (Py_ssize_t i = 0; i < p->n; i++) {
            put(out, i, (float)((uint64_t)values[i] >> bit & 1u));
        }
    }
}

/* ---- the groups, in FEATURE_NAMES' order ------------------------------------------------ */

static void
text_group(Out *out, const Page *p)
{
    const Py_ssize_t n = p->n;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t c = out->column;
        float *row = out->rows + i * out->width;
        row[c++] = p->log_chars[i];
        row[c++] = (float)p->counts[WORDS][i]; /* logged */
        row[c++] = p->link_density[i];
        row[c++] = (float)p->block[LINKS][i]; /* logged */
        row[c++] = (float)p->block[LIST_DEPTH][i];
        row[c++] = (float)p->counts[COMMAS][i];
        row[c++] = (float)p->counts[SENTENCES][i];
        row[c++] = (float)p->counts[ENDS_WITH_STOP][i];
        row[c++] = (float)p->block[KIND][i];
        row[c++] = p->heading[i];
        row[c++] = (float)p->counts[TITLE_MATCH][i];
    }
    out->column += 11;
}

static void
position_group(Out *out, const Page *p)
{
    const Py_ssize_t n = p->n;
    const float total = (float)p->total;
    float running = 0.0f;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t c = out->column;
        float *row = out->rows + i * out->width;
        running += p->chars[i];
        float offset = running - p->chars[i];
        int64_t element = p->at[i];
        row[c++] = (float)i / (float)n;
        row[c++] = offset / total;
        row[c++] = i > p->first_h1 ? 1.0f : 0.0f;
        row[c++] = i > p->title_index ? 1.0f : 0.0f;
        row[c++] = (float)p->element[E_DEPTH][element];
        row[c++] = p->element[E_HIDDEN][element] ? 1.0f : 0.0f;
        row[c++] = offset;                           /* logged */
        row[c++] = total - offset - p->chars[i];     /* logged */
        row[c++] = (float)p->counts[DIGITS][i] / at_least_one(p->chars[i]);
        row[c++] = (float)p->counts[CAPITAL_START][i];
        row[c++] = (float)p->block[HEADER_ROW][i];
    }
    out->column += 11;
}

static void
vocabulary_group(Out *out, const Page *p, int64_t *scratch)
{
    const Py_ssize_t n = p->n;
    const long kinds = p->shape[S_KINDS];
    for (Py_ssize_t i = 0; i < n; i++) {
        float *row = out->rows + i * out->width + out->column;
        memset(row, 0, (size_t)kinds * sizeof(float));
        int64_t kind = p->block[KIND][i];
        if (kind >= 0 && kind < kinds) {
            row[kind] = 1.0f;
        }
    }
    out->column += kinds;
    const int64_t *own = p->element[E_OWN_TOKENS], *parent = p->element[E_PARENT];
    for (Py_ssize_t i = 0; i < n; i++) {
        scratch[i] = p->element[E_TOKENS][p->at[i]];
    }
    bits(out, p, scratch, p->shape[S_CATEGORIES]);
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t element = p->at[i], up = parent[element];
        scratch[i] = own[element] | own[up] | own[parent[up]];
    }
    bits(out, p, scratch, p->shape[S_CATEGORIES]);
    for (Py_ssize_t i = 0; i < n; i++) {
        scratch[i] = p->element[E_TAGS][p->at[i]];
    }
    bits(out, p, scratch, p->shape[S_TAGS]);
}

static void
ancestor_group(Out *out, const Page *p)
{
    const Py_ssize_t n = p->n;
    const long levels = p->shape[S_LEVELS];
    const float total = (float)p->total;
    const Py_ssize_t repeats_column = out->column + 4 * levels;
    for (Py_ssize_t i = 0; i < n; i++) {
        float *row = out->rows + i * out->width;
        int64_t ancestor = p->at[i];
        for (long level = 0; level < levels; level++) {
            row[repeats_column + level] = (float)p->element[E_REPEATS][ancestor]; /* logged */
            ancestor = p->element[E_PARENT][ancestor];
            float subtree = (float)p->element[E_CHARS][ancestor];
            float inside = at_least_one((float)positions_within(
                p, p->element[E_ENTER][ancestor], p->element[E_EXIT][ancestor]));
            float *cell = row + out->column + 4 * level;
            cell[0] = subtree / total;
            cell[1] = (float)p->element[E_LINK_CHARS][ancestor] / at_least_one(subtree);
            cell[2] = inside;           /* logged */
            cell[3] = subtree / inside; /* logged */
        }
    }
    out->column = repeats_column + levels;
}

static void
in_heading_columns(Out *out, const Page *p)
{
    const long levels = p->shape[S_LEVELS];
    Py_ssize_t headline = p->title_index < p->n ? p->title_index : p->first_h1;
    int64_t ancestor = headline < p->n ? p->at[headline] : -1;
    for (long level = 0; level < levels; level++, out->column++) {
        if (ancestor >= 0) {
            ancestor = p->element[E_PARENT][ancestor];
        }
        for (Py_ssize_t i = 0; i < p->n; i++) {
            put(out, i, ancestor >= 0 ? holds(p, ancestor, i) : 0.0f);
        }
    }
}

static void
counted_group(Out *out, const Page *p)
{
    for (Py_ssize_t i = 0; i < p->n; i++) {
        Py_ssize_t c = out->column;
        float *row = out->rows + i * out->width;
        float parent_chars = (float)p->element[E_CHARS][p->parent_of[i]];
        row[c++] = (float)p->counts[TEXT_REPEATS][i]; /* logged */
        row[c++] = (float)p->counts[DATE_LIKE][i];
        row[c++] = (float)p->counts[PRICE_LIKE][i];
        row[c++] = p->chars[i] / at_least_one(parent_chars);
        row[c++] = (float)p->counts[FUNCTION_SHARE][i];
        row[c++] = i < p->title_index ? 1.0f : 0.0f;
        row[c++] = (float)p->counts[DESCRIPTION_MATCH][i];
    }
    out->column += 7;
    in_heading_columns(out, p);
}

/* The element that gathers the most prose, scored as features.py's _best_container. */
static int64_t
best_container(const Page *p, double *score)
{
    memset(score, 0, (size_t)p->m * sizeof(double));
    float *weight = (float *)malloc((size_t)(p->n ? p->n : 1) * sizeof(float));
    if (weight == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < p->n; i++) {
        float chars = p->chars[i], density = p->link_density[i];
        float length = chars / 100.0f;
        float prose = (chars >= 25.0f && density < 0.5f) ? 1.0f + (length < 3.0f ? length : 3.0f)
                                                          : 0.0f;
        weight[i] = prose * (1.0f - density);
    }
    /* NumPy's add.at adds one index array after the other, each in block order */
    for (Py_ssize_t i = 0; i < p->n; i++) {
        score[p->at[i]] += (double)weight[i];
    }
    for (Py_ssize_t i = 0; i < p->n; i++) {
        score[p->parent_of[i]] += (double)(weight[i] * 0.5f);
    }
    for (Py_ssize_t i = 0; i < p->n; i++) {
        score[p->element[E_PARENT][p->parent_of[i]]] += (double)(weight[i] * 0.25f);
    }
    free(weight);
    int64_t best = 0;
    for (Py_ssize_t e = 1; e < p->m; e++) {
        if (score[e] > score[best]) {
            best = e;
        }
    }
    return best;
}

static int
best_group(Out *out, const Page *p, double *score)
{
    int64_t best = best_container(p, score);
    if (best < 0) {
        PyErr_NoMemory();
        return -1;
    }
    int64_t around = p->element[E_PARENT][best];
    float best_chars = (float)p->element[E_CHARS][best];
    float share = best_chars / (float)p->total;
    float density = (float)p->element[E_LINK_CHARS][best] / at_least_one(best_chars);
    float best_depth = (float)p->element[E_DEPTH][best];
    for (Py_ssize_t i = 0; i < p->n; i++) {
        Py_ssize_t c = out->column;
        float *row = out->rows + i * out->width;
        row[c++] = holds(p, best, i);
        row[c++] = holds(p, around, i);
        row[c++] = share;
        row[c++] = density;
        row[c++] = (float)p->element[E_DEPTH][p->at[i]] - best_depth;
        row[c++] = (float)p->element[E_SAME_TAG][p->at[i]]; /* logged */
    }
    out->column += 6;
    return 0;
}

/* The mean of each value and its neighbours within radius places, clipped at the ends, from
 * the values' running sums (sums[0] = 0, in float64 as NumPy's cumsum adds them): written
 * to first[0], first[stride], ... as context.py's window_mean computes it. */
static void
window_means(const double *sums, Py_ssize_t n, Py_ssize_t radius, float *first,
             Py_ssize_t stride)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t low = i - radius < 0 ? 0 : i - radius;
        Py_ssize_t high = i + radius + 1 > n ? n : i + radius + 1;
        first[i * stride] = (float)((sums[high] - sums[low]) / (double)(high - low));
    }
}

static void
window_column(Out *out, const Page *p, const float *values, double *sums)
{
    sums[0] = 0.0;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        sums[i + 1] = sums[i] + (double)values[i];
    }
    window_means(sums, p->n, p->shape[S_WINDOW], out->rows + out->column, out->width);
    out->column++;
}

static void
neighbour_group(Out *out, const Page *p, double *sums)
{
    const Py_ssize_t n = p->n;
    for (int side = 0; side < 2; side++) {
        Py_ssize_t shift = side == 0 ? 1 : -1; /* prev, then next */
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t c = out->column;
            float *row = out->rows + i * out->width;
            Py_ssize_t other = i - shift;
            int inside = other >= 0 && other < n;
            row[c++] = inside ? p->log_chars[other] : -1.0f;
            row[c++] = inside ? p->link_density[other] : -1.0f;
            row[c++] = inside ? p->heading[other] : -1.0f;
            float other_parent = inside ? (float)p->parent_of[other] : -1.0f;
            row[c++] = (double)p->parent_of[i] == (double)other_parent ? 1.0f : 0.0f;
        }
        out->column += 4;
    }
    window_column(out, p, p->log_chars, sums);
    window_column(out, p, p->link_density, sums);
}

static void
page_group(Out *out, const Page *p, const double *values, Py_ssize_t count)
{
    for (Py_ssize_t i = 0; i < p->n; i++) {
        float *row = out->rows + i * out->width + out->column;
        for (Py_ssize_t k = 0; k < count; k++) {
            row[k] = (float)values[k];
        }
    }
    out->column += count;
}

/* ---- the entry point ------------------------------------------------------------------- */

/* The row's width the groups above fill, checked before any is written. */
static Py_ssize_t
columns_of(const long *shape, Py_ssize_t page_count)
{
    return 11 + 11 + shape[S_KINDS] + 2 * shape[S_CATEGORIES] + shape[S_TAGS] +
           5 * shape[S_LEVELS] + 7 + shape[S_LEVELS] + 6 + 4 + 4 + 2 + page_count;
}

/* A contiguous array of the format ('f' float32, 'd' float64, 'q' int64) and, unless items is
 * negative, of that many items; on failure nothing is kept. */
static int
take_array(PyObject *obj, Py_buffer *view, char format, Py_ssize_t items, int writable,
           const char *name)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        return -1;
    }
    /* A format may carry a byte-order prefix such as '<' or '='; the item itself is last. An
     * int64 array's format is 'l' where a long holds 64 bits, 'q' elsewhere. */
    const char *item = view->format ? view->format + strlen(view->format) - 1 : "B";
    Py_ssize_t size = format == 'f' ? 4 : 8;
    int same = *item == format || (format == 'q' && *item == 'l');
    if (view->itemsize != size || !same) {
        PyErr_Format(PyExc_TypeError, "%s must be a contiguous array of %s", name,
                     format == 'f' ? "float32" : format == 'd' ? "float64" : "int64");
    } else if (items >= 0 && view->len != items * size) {
        PyErr_Format(PyExc_ValueError, "%s must be %zd values", name, items);
    } else {
        return 0;
    }
    PyBuffer_Release(view);
    return -1;
}

static PyObject *
fill_rows(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *rows_object, *log_chars_object, *blocks, *counts, *elements, *page_values, *shape;
    if (!PyArg_ParseTuple(args, "OOO!O!O!OO!:fill_rows", &rows_object, &log_chars_object,
                          &PyTuple_Type, &blocks, &PyTuple_Type, &counts, &PyTuple_Type,
                          &elements, &page_values, &PyTuple_Type, &shape)) {
        return NULL;
    }
    Page p;
    memset(&p, 0, sizeof p);
    Py_buffer rows_view, log_view;
    if (take_array(rows_object, &rows_view, 'f', -1, 1, "rows") < 0) {
        return NULL;
    }
    if (take_array(log_chars_object, &log_view, 'f', -1, 0, "log_chars") < 0) {
        PyBuffer_Release(&rows_view);
        return NULL;
    }
    PyObject *result = NULL;
    void *arena = NULL;
    double *page_list = NULL;
    if (PyTuple_GET_SIZE(blocks) != BLOCK_FACTS || PyTuple_GET_SIZE(shape) != SHAPE_FACTS ||
        PyTuple_GET_SIZE(elements) != ELEMENT_FACTS) {
        PyErr_SetString(PyExc_ValueError, "fill_rows: blocks, elements or shape of another size");
        goto done;
    }
    for (int k = 0; k < SHAPE_FACTS; k++) {
        p.shape[k] = PyLong_AsLong(PyTuple_GET_ITEM(shape, k));
        if (p.shape[k] == -1 && PyErr_Occurred()) {
            goto done;
        }
        if (p.shape[k] < 0 || p.shape[k] > 64) { /* bits of a 64-bit mask at most */
            PyErr_SetString(PyExc_ValueError, "fill_rows: a shape outside 0 to 64");
            goto done;
        }
    }
    p.n = PyObject_Length(PyTuple_GET_ITEM(blocks, 0));
    p.m = PyObject_Length(PyTuple_GET_ITEM(elements, 0));
    Py_ssize_t page_count = PyObject_Length(page_values);
    if (p.n <= 0 || p.m <= 0 || page_count < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "fill_rows: a page without blocks or elements");
        }
        goto done;
    }
    Py_ssize_t width = columns_of(p.shape, page_count);
    if (rows_view.len != p.n * width * (Py_ssize_t)sizeof(float) ||
        log_view.len != p.n * (Py_ssize_t)sizeof(float)) {
        PyErr_Format(PyExc_ValueError,
                     "fill_rows: rows must hold %zd rows of %zd columns, log_chars %zd values",
                     p.n, width, p.n);
        goto done;
    }
    size_t n = (size_t)p.n, m = (size_t)p.m;
    size_t longs = (BLOCK_FACTS + 3) * n + ELEMENT_FACTS * m + n;
    size_t doubles = TEXT_COUNTS * n + m + n + 1;
    size_t floats = 3 * n;
    arena = malloc(longs * sizeof(int64_t) + doubles * sizeof(double) + floats * sizeof(float));
    page_list = (double *)malloc((size_t)(page_count ? page_count : 1) * sizeof(double));
    if (arena == NULL || page_list == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int64_t *next_long = (int64_t *)arena;
    for (int k = 0; k < BLOCK_FACTS; k++, next_long += n) {
        p.block[k] = next_long;
    }
    for (int k = 0; k < ELEMENT_FACTS; k++, next_long += m) {
        p.element[k] = next_long;
    }
    p.at = next_long;
    p.parent_of = next_long + n;
    p.sorted_positions = next_long + 2 * n;
    int64_t *scratch = next_long + 3 * n;
    double *next_double = (double *)(scratch + n);
    for (int k = 0; k < TEXT_COUNTS; k++, next_double += n) {
        p.counts[k] = next_double;
    }
    double *score = next_double, *sums = next_double + m;
    float *next_float = (float *)(sums + n + 1);
    p.chars = next_float;
    p.link_density = next_float + n;
    p.heading = next_float + 2 * n;
    p.log_chars = (const float *)log_view.buf;
    if (read_columns(blocks, BLOCK_FACTS, p.n, p.block, NULL, "blocks") ||
        read_columns(counts, TEXT_COUNTS, p.n, NULL, p.counts, "counts") ||
        read_columns(elements, ELEMENT_FACTS, p.m, p.element, NULL, "elements") ||
        read_values(page_values, page_count, NULL, page_list, "page_values")) {
        goto done;
    }
    for (Py_ssize_t e = 0; e < p.m; e++) {
        int64_t parent = p.element[E_PARENT][e];
        if (parent >= p.m) {
            PyErr_SetString(PyExc_ValueError, "fill_rows: a parent outside the elements");
            goto done;
        }
        if (parent < 0) {
            p.element[E_PARENT][e] = e; /* the root leads to itself, as in features.py */
        }
    }
    for (Py_ssize_t i = 0; i < p.n; i++) {
        if (p.block[ELEMENT][i] >= p.m) {
            PyErr_SetString(PyExc_ValueError, "fill_rows: a block outside the elements");
            goto done;
        }
    }
    derive(&p);
    Out out = {(float *)rows_view.buf, width, 0};
    text_group(&out, &p);
    position_group(&out, &p);
    vocabulary_group(&out, &p, scratch);
    ancestor_group(&out, &p);
    counted_group(&out, &p);
    if (best_group(&out, &p, score) < 0) {
        goto done;
    }
    neighbour_group(&out, &p, sums);
    page_group(&out, &p, page_list, page_count);
    result = Py_None;
    Py_INCREF(result);
done:
    free(arena);
    free(page_list);
    PyBuffer_Release(&log_view);
    PyBuffer_Release(&rows_view);
    return result;
}

/* ---- the second stage's context features (context.py's context_features) --------------- */

enum { CONTEXT_COLUMNS = 14 }; /* context.py's CONTEXT_NAMES */

typedef struct {
    Py_buffer view;
    int taken;
} View;

static int
take_view(PyObject *obj, View *into, char format, Py_ssize_t items, const char *name)
{
    if (take_array(obj, &into->view, format, items, 0, name) < 0) {
        return -1;
    }
    into->taken = 1;
    return 0;
}

/* The weighted mean of the probabilities over each block's group, as NumPy's bincount adds
 * them: in block order, into float64 bins. */
static int
group_totals(const int64_t *of_block, Py_ssize_t n, const double *probability,
             const double *weights, double *bins, Py_ssize_t size)
{
    memset(bins, 0, (size_t)size * sizeof(double));
    for (Py_ssize_t i = 0; i < n; i++) {
        if (of_block[i] < 0 || of_block[i] >= size) {
            PyErr_SetString(PyExc_ValueError, "fill_context: a block outside its groups");
            return -1;
        }
        bins[of_block[i]] += probability[i] * weights[i];
    }
    return 0;
}

static PyObject *
fill_context(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *rows_object, *probability_object, *weights_object, *containers, *styles;
    double page_share;
    Py_ssize_t near, far;
    if (!PyArg_ParseTuple(args, "OOOdO!Onn:fill_context", &rows_object, &probability_object,
                          &weights_object, &page_share, &PyTuple_Type, &containers, &styles,
                          &near, &far)) {
        return NULL;
    }
    enum { VIEWS = 13 };
    View views[VIEWS];
    memset(views, 0, sizeof views);
    PyObject *result = NULL;
    double *scratch = NULL;
    Py_buffer rows_view;
    if (take_array(rows_object, &rows_view, 'f', -1, 1, "rows") < 0) {
        return NULL;
    }
    Py_ssize_t n = rows_view.len / (Py_ssize_t)(CONTEXT_COLUMNS * sizeof(float));
    int has_styles = styles != Py_None;
    if (PyTuple_GET_SIZE(containers) != 6 || (has_styles && (!PyTuple_Check(styles) ||
                                                             PyTuple_GET_SIZE(styles) != 5))) {
        PyErr_SetString(PyExc_ValueError,
                        "fill_context: containers must be 3 pairs, styles 5 arrays or None");
        goto done;
    }
    if (n <= 0 || rows_view.len != n * CONTEXT_COLUMNS * (Py_ssize_t)sizeof(float) || near < 0 ||
        far < 0 || take_view(probability_object, &views[0], 'd', n, "probability") < 0 ||
        take_view(weights_object, &views[1], 'd', n, "weights") < 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "fill_context: rows of another shape");
        }
        goto done;
    }
    for (int k = 0; k < 3; k++) {
        if (take_view(PyTuple_GET_ITEM(containers, 2 * k), &views[2 + 2 * k], 'q', n,
                      "a container's blocks") < 0 ||
            take_view(PyTuple_GET_ITEM(containers, 2 * k + 1), &views[3 + 2 * k], 'd', -1,
                      "a container's weights") < 0) {
            goto done;
        }
    }
    if (has_styles) {
        static const char formats[5] = {'q', 'd', 'd', 'd', 'd'};
        for (int k = 0; k < 5; k++) {
            if (take_view(PyTuple_GET_ITEM(styles, k), &views[8 + k], formats[k], k == 1 ? -1 : n,
                          "a style array") < 0) {
                goto done;
            }
        }
    }
    Py_ssize_t most_bins = n + 1;
    for (int k = 0; k < (has_styles ? 4 : 3); k++) {
        Py_ssize_t bins = views[k < 3 ? 3 + 2 * k : 9].view.len / (Py_ssize_t)sizeof(double);
        most_bins = bins > most_bins ? bins : most_bins;
    }
    scratch = (double *)malloc((size_t)(most_bins + 2 * n) * sizeof(double));
    if (scratch == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const double *p = views[0].view.buf, *weights = views[1].view.buf;
    float *rows = rows_view.buf;
    double *bins = scratch, *running = scratch + most_bins, *reverse = running + n;
    double highest = p[0];
    for (Py_ssize_t i = 0; i < n; i++) {
        running[i] = i && running[i - 1] >= p[i] ? running[i - 1] : p[i];
        highest = p[i] > highest ? p[i] : highest;
    }
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        reverse[i] = i < n - 1 && reverse[i + 1] >= p[i] ? reverse[i + 1] : p[i];
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        float *row = rows + i * CONTEXT_COLUMNS;
        row[0] = (float)p[i];
        row[1] = (float)(i ? p[i - 1] : -1.0);
        row[2] = (float)(i < n - 1 ? p[i + 1] : -1.0);
        row[8] = (float)highest;
        row[9] = (float)page_share;
        row[10] = (float)(i ? running[i - 1] : 0.0);
        row[11] = (float)(i < n - 1 ? reverse[i + 1] : 0.0);
        row[12] = row[13] = -1.0f;
    }
    bins[0] = 0.0; /* the running sums of the windows, as NumPy's cumsum in float64 */
    for (Py_ssize_t i = 0; i < n; i++) {
        bins[i + 1] = bins[i] + p[i];
    }
    window_means(bins, n, near, rows + 3, CONTEXT_COLUMNS);
    window_means(bins, n, far, rows + 4, CONTEXT_COLUMNS);
    for (int k = 0; k < 3; k++) {
        const int64_t *of_block = views[2 + 2 * k].view.buf;
        const double *weight = views[3 + 2 * k].view.buf;
        Py_ssize_t size = views[3 + 2 * k].view.len / (Py_ssize_t)sizeof(double);
        if (group_totals(of_block, n, p, weights, bins, size) < 0) {
            goto done;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            rows[i * CONTEXT_COLUMNS + 5 + k] = (float)(bins[of_block[i]] / weight[of_block[i]]);
        }
    }
    if (has_styles) {
        const int64_t *of_block = views[8].view.buf;
        const double *style_weights = views[10].view.buf, *others = views[11].view.buf;
        const double *log_count = views[12].view.buf;
        Py_ssize_t size = views[9].view.len / (Py_ssize_t)sizeof(double);
        if (group_totals(of_block, n, p, style_weights, bins, size) < 0) {
            goto done;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            float *row = rows + i * CONTEXT_COLUMNS;
            double other = others[i] > 1e-9 ? others[i] : 1e-9;
            double own = p[i] * style_weights[i];
            row[12] = (float)(others[i] > 1e-9 ? (bins[of_block[i]] - own) / other : -1.0);
            row[13] = (float)log_count[i];
        }
    }
    result = Py_None;
    Py_INCREF(result);
done:
    free(scratch);
    for (int k = 0; k < VIEWS; k++) {
        if (views[k].taken) {
            PyBuffer_Release(&views[k].view);
        }
    }
    PyBuffer_Release(&rows_view);
    return result;
}

static PyMethodDef methods[] = {
    {"fill_rows", fill_rows, METH_VARARGS,
     "fill_rows(rows, log_chars, blocks, counts, elements, page_values, shape)\n\n"
     "Fill rows (float32, a row per block) with the block features, in FEATURE_NAMES' order."},
    {"fill_context", fill_context, METH_VARARGS,
     "fill_context(rows, probability, weights, page_share, containers, styles, near, far)\n\n"
     "Fill rows (float32, a row per block) with the context features, in CONTEXT_NAMES' order."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_features",
    "The block features of thresher.label.features and context.py, in C.",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__features(void)
{
    return PyModule_Create(&module);
}
