/* The tree walk of thresher.label.trees in C: the same arrays, the same answers, a few times
 * faster than NumPy's gather, which must materialise every level of every tree for every row.
 *
 * Built by setup.py when a C compiler is at hand; without it, trees.py walks the trees with
 * NumPy. The arrays are read through the buffer protocol, so neither NumPy's headers nor its
 * C API are needed. The node arrays are checked once, in Python, when the ensemble is built
 * (TreeEnsemble.__post_init__); this code checks the shapes of what it is given each call.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

static int
take_buffer(PyObject *obj, Py_buffer *view, const char *format, Py_ssize_t itemsize,
            int writable, const char *name)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        return -1;
    }
    /* A format may carry a byte-order prefix such as '<' or '='; the item itself is last. */
    const char *item = view->format ? view->format + strlen(view->format) - 1 : "B";
    if (view->itemsize != itemsize || *item != *format) {
        PyErr_Format(PyExc_TypeError, "%s must be a contiguous array of '%s', not '%s'",
                     name, format, view->format ? view->format : "B");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* Rows go down a tree a few at a time: each row's path is a chain of dependent loads, and
 * interleaving several chains keeps the processor busy while it waits on memory. Sixteen
 * walked the block classifier's trees over wcxb-dev rows a fifth faster than eight (Intel
 * Xeon, gcc -O3); 4, 12, 20, 24 and 32 were slower than sixteen. */
enum { LANES = 16 };

static inline void
walk_rows(const float *rows_values, Py_ssize_t first, int lanes, Py_ssize_t width,
          const int32_t *feature, const float *threshold, const int32_t *left,
          const float *value, int32_t root, long depth, long classes, long klass, double *out)
{
    int32_t node[LANES];
    const float *values[LANES];
    for (int lane = 0; lane < lanes; lane++) {
        node[lane] = root;
        values[lane] = rows_values + (first + lane) * width;
    }
    for (long level = 0; level < depth; level++) {
        for (int lane = 0; lane < lanes; lane++) {
            /* A leaf points to itself with a threshold of +inf, so it never moves. */
            const int32_t at = node[lane];
            node[lane] = left[at] + (values[lane][feature[at]] > threshold[at]);
        }
    }
    for (int lane = 0; lane < lanes; lane++) {
        out[(first + lane) * classes + klass] += (double)value[node[lane]];
    }
}

/* Rows go through the trees a slice at a time. Each tree walks every row of the slice, so that
 * its nodes stay in cache while they do, and the slice's rows stay in cache from one tree to
 * the next: a page's rows of 251 features take 1 KB each, and where every tree read all of a
 * page's rows, a page of 48,000 blocks took 12 times as long as one of 12,000, their rows
 * read again from memory by each tree. Each row's leaf values are added in the trees' order
 * either way, so the sums are the same to the last bit. */
enum { ROWS_PER_SLICE = 256 };

static void
walk(const float *rows_values, Py_ssize_t rows, Py_ssize_t width, const int32_t *feature,
     const float *threshold, const int32_t *left, const float *value, const int32_t *roots,
     Py_ssize_t trees, long depth, long classes, double *out)
{
    for (Py_ssize_t first = 0; first < rows; first += ROWS_PER_SLICE) {
        const Py_ssize_t end = first + ROWS_PER_SLICE < rows ? first + ROWS_PER_SLICE : rows;
        for (Py_ssize_t tree = 0; tree < trees; tree++) {
            const long klass = (long)(tree % classes);
            Py_ssize_t row = first;
            for (; row + LANES <= end; row += LANES) {
                walk_rows(rows_values, row, LANES, width, feature, threshold, left, value,
                          roots[tree], depth, classes, klass, out);
            }
            if (row < end) {
                walk_rows(rows_values, row, (int)(end - row), width, feature, threshold, left,
                          value, roots[tree], depth, classes, klass, out);
            }
        }
    }
}

static PyObject *
leaf_sums(PyObject *self, PyObject *args)
{
    PyObject *objects[7];
    Py_ssize_t rows, width;
    long depth, classes;
    if (!PyArg_ParseTuple(args, "OnnOOOOOllO:leaf_sums", &objects[0], &rows, &width,
                          &objects[1], &objects[2], &objects[3], &objects[4], &objects[5],
                          &depth, &classes, &objects[6])) {
        return NULL;
    }
    static const char *formats[7] = {"f", "i", "f", "i", "f", "i", "d"};
    static const Py_ssize_t sizes[7] = {4, 4, 4, 4, 4, 4, 8};
    static const char *names[7] = {"features", "feature", "threshold", "left",
                                   "value", "roots", "out"};
    Py_buffer views[7];
    int taken = 0;
    PyObject *result = NULL;
    for (; taken < 7; taken++) {
        if (take_buffer(objects[taken], &views[taken], formats[taken], sizes[taken],
                        taken == 6, names[taken]) < 0) {
            goto done;
        }
    }
    Py_ssize_t nodes = views[1].len / 4;
    Py_ssize_t trees = views[5].len / 4;
    if (rows < 0 || width < 1 || depth < 0 || classes < 1 || trees % classes != 0
        || views[0].len / 4 != rows * width || views[2].len / 4 != nodes
        || views[3].len / 4 != nodes || views[4].len / 4 != nodes
        || views[6].len / 8 != rows * classes) {
        PyErr_SetString(PyExc_ValueError, "leaf_sums: the arrays' sizes do not match");
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    walk(views[0].buf, rows, width, views[1].buf, views[2].buf, views[3].buf, views[4].buf,
         views[5].buf, trees, depth, classes, views[6].buf);
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    while (taken-- > 0) {
        PyBuffer_Release(&views[taken]);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"leaf_sums", leaf_sums, METH_VARARGS,
     "leaf_sums(features, rows, width, feature, threshold, left, value, roots, depth, classes,"
     " out)\n\nAdd each tree's leaf value for each row to out[row, tree % classes]."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_treewalk", "The tree walk of thresher.label.trees, in C.", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__treewalk(void)
{
    return PyModule_Create(&module);
}
