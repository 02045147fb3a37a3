/* Readings of thresher.label.vocabulary in C:
 *
 * - ascii_mask: the category mask of an attribute value (vocabulary.category_mask). The page
 *   builder asks for the mask of every element's class, id, role and itemprop, and most values
 *   are new to it: in Python, splitting them into words and looking each word up took about a
 *   seventh of the builder's time.
 * - text_words: a block text's words, how many of them are function words, its digits, and
 *   the words joined by single spaces (vocabulary.text_words), which the block features read
 *   for every block.
 * - line_words: a line's runs of word characters, case-folded, one space apart
 *   (vocabulary.line_words), the form in which selection and the comment reader compare lines.
 * - known_words: how often each of a set of words occurs among a text's runs of letters, as
 *   metadata/language.py counts the words that tell a language in up to 6,000 characters of
 *   every page's text; a string is made only for a run short enough to be one of them.
 *
 * ascii_mask answers None for a value that is not ASCII (one in two hundred on wcxb-dev), which
 * Python then reads itself; the others read any string. The tables come from vocabulary.py
 * through configure(), so the vocabulary is written down in one place.
 *
 * Built by setup.py beside the tree walk when a C compiler is at hand.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    char *text;
    Py_ssize_t length;
    uint64_t bits;
} Entry;

typedef struct {
    Entry *entries;
    Py_ssize_t count;
} Entries;

/* Words are found by hash; a table of at least twice as many slots as words stays short. */
enum { WORD_SLOTS = 4096, SHORT_VALUE = 256 };

typedef struct {
    Entries words;
    int32_t slots[WORD_SLOTS]; /* index into words.entries, or -1 */
} WordTable;

static Entries stems, state_words, state_endings;
static WordTable category_words, function_words;
/* The function words as Python's set, for a word that is not ASCII; NULL where they are all
 * ASCII. */
static PyObject *function_set = NULL;
/* stems_from[c]: the stems that begin with the byte c, longest first, ending with -1 */
static int32_t *stems_from[128];
static int configured = 0;

static int
is_lower_or_digit(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static uint32_t
hash_of(const char *text, Py_ssize_t length)
{
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (Py_ssize_t i = 0; i < length; i++) {
        hash = (hash ^ (unsigned char)text[i]) * 16777619u;
    }
    return hash;
}

static void
clear_entries(Entries *entries)
{
    for (Py_ssize_t i = 0; i < entries->count; i++) {
        PyMem_Free(entries->entries[i].text);
    }
    PyMem_Free(entries->entries);
    entries->entries = NULL;
    entries->count = 0;
}

static void
clear_tables(void)
{
    clear_entries(&category_words.words);
    clear_entries(&function_words.words);
    clear_entries(&stems);
    clear_entries(&state_words);
    clear_entries(&state_endings);
    for (int c = 0; c < 128; c++) {
        PyMem_Free(stems_from[c]);
        stems_from[c] = NULL;
    }
    Py_CLEAR(function_set);
    configured = 0;
}

/* Entries from a dict of str -> int (bits) or from any iterable of str (bits 0). Strings that
 * are not ASCII can never equal an ASCII token, so they are left out. */
static int
read_entries(PyObject *source, Entries *entries, const char *name)
{
    PyObject *items = PyDict_Check(source) ? PyDict_Items(source) : PySequence_List(source);
    if (items == NULL) {
        return -1;
    }
    Py_ssize_t size = PyList_GET_SIZE(items);
    entries->entries = PyMem_Calloc(size > 0 ? size : 1, sizeof(Entry));
    if (entries->entries == NULL) {
        Py_DECREF(items);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        PyObject *key = PyTuple_Check(item) ? PyTuple_GET_ITEM(item, 0) : item;
        uint64_t bits = 0;
        if (PyTuple_Check(item)) {
            bits = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(item, 1));
            if (bits == (uint64_t)-1 && PyErr_Occurred()) {
                Py_DECREF(items);
                return -1;
            }
        }
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "%s must hold str, not %.100s", name,
                         Py_TYPE(key)->tp_name);
            Py_DECREF(items);
            return -1;
        }
        if (!PyUnicode_IS_ASCII(key) || PyUnicode_GET_LENGTH(key) == 0) {
            continue;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(key);
        char *text = PyMem_Malloc(length);
        if (text == NULL) {
            Py_DECREF(items);
            PyErr_NoMemory();
            return -1;
        }
        memcpy(text, PyUnicode_DATA(key), length);
        entries->entries[entries->count++] = (Entry){text, length, bits};
    }
    Py_DECREF(items);
    return 0;
}

static int
index_words(WordTable *table)
{
    const Entries *words = &table->words;
    if (words->count * 2 > WORD_SLOTS) {
        PyErr_SetString(PyExc_ValueError, "configure: too many words for the table");
        return -1;
    }
    memset(table->slots, 0xff, sizeof(table->slots));
    for (Py_ssize_t i = 0; i < words->count; i++) {
        uint32_t slot = hash_of(words->entries[i].text, words->entries[i].length) % WORD_SLOTS;
        while (table->slots[slot] >= 0) {
            slot = (slot + 1) % WORD_SLOTS;
        }
        table->slots[slot] = (int32_t)i;
    }
    return 0;
}

static int
longer_first(const void *a, const void *b)
{
    Py_ssize_t left = ((const Entry *)a)->length, right = ((const Entry *)b)->length;
    return (left < right) - (left > right);
}

static int
index_stems(void)
{
    /* Longest first: where several stems begin at one place, the longest is the one read,
     * as Python's pattern of the stems sorted longest first reads them. */
    qsort(stems.entries, stems.count, sizeof(Entry), longer_first);
    for (int c = 0; c < 128; c++) {
        Py_ssize_t count = 0;
        for (Py_ssize_t i = 0; i < stems.count; i++) {
            count += (unsigned char)stems.entries[i].text[0] == c;
        }
        stems_from[c] = PyMem_Malloc((count + 1) * sizeof(int32_t));
        if (stems_from[c] == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        Py_ssize_t at = 0;
        for (Py_ssize_t i = 0; i < stems.count; i++) {
            if ((unsigned char)stems.entries[i].text[0] == c) {
                stems_from[c][at++] = (int32_t)i;
            }
        }
        stems_from[c][at] = -1;
    }
    return 0;
}

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *word_bits, *stem_bits, *words_of_state, *endings_of_state, *function_list;
    if (!PyArg_ParseTuple(args, "O!O!OOO:configure", &PyDict_Type, &word_bits, &PyDict_Type,
                          &stem_bits, &words_of_state, &endings_of_state, &function_list)) {
        return NULL;
    }
    clear_tables();
    if (read_entries(word_bits, &category_words.words, "words") < 0
        || read_entries(stem_bits, &stems, "stems") < 0
        || read_entries(words_of_state, &state_words, "state_words") < 0
        || read_entries(endings_of_state, &state_endings, "state_endings") < 0
        || read_entries(function_list, &function_words.words, "function_words") < 0
        || index_words(&category_words) < 0 || index_words(&function_words) < 0
        || index_stems() < 0) {
        clear_tables();
        return NULL;
    }
    Py_ssize_t all_function_words = PyObject_Length(function_list);
    if (all_function_words < 0) {
        clear_tables();
        return NULL;
    }
    if (function_words.words.count < all_function_words) { /* some are not ASCII */
        function_set = PyFrozenSet_New(function_list);
        if (function_set == NULL) {
            clear_tables();
            return NULL;
        }
    }
    configured = 1;
    Py_RETURN_NONE;
}

static int
is_among(const Entries *entries, const char *text, Py_ssize_t length)
{
    for (Py_ssize_t i = 0; i < entries->count; i++) {
        if (entries->entries[i].length == length
            && memcmp(entries->entries[i].text, text, length) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The word's entry in the table, or NULL. */
static const Entry *
looked_up(const WordTable *table, const char *text, Py_ssize_t length)
{
    uint32_t slot = hash_of(text, length) % WORD_SLOTS;
    for (int32_t at; (at = table->slots[slot]) >= 0; slot = (slot + 1) % WORD_SLOTS) {
        const Entry *entry = &table->words.entries[at];
        if (entry->length == length && memcmp(entry->text, text, length) == 0) {
            return entry;
        }
    }
    return NULL;
}

/* The stems found in a token, left to right without overlaps, the longest where several
 * begin at one place. */
static uint64_t
stem_bits(const char *text, Py_ssize_t length)
{
    uint64_t bits = 0;
    Py_ssize_t at = 0;
    while (at < length) {
        Py_ssize_t step = 1;
        for (const int32_t *stem = stems_from[(unsigned char)text[at] & 127]; *stem >= 0;
             stem++) {
            const Entry *entry = &stems.entries[*stem];
            /* the second letter first: most stems part there, and a call to memcmp costs more */
            if (entry->length <= length - at
                && (entry->length < 2 || entry->text[1] == text[at + 1])
                && memcmp(entry->text, text + at, entry->length) == 0) {
                bits |= entry->bits;
                step = entry->length;
                break;
            }
        }
        at += step;
    }
    return bits;
}

/* Split an ASCII value into lower-case tokens, as vocabulary.tokens_of does: runs of lower-case
 * letters and digits, each with the capitals just before it ("postBody" -> post, body), and
 * runs of capitals that no such run follows ("HTML-id" -> html, id). Each token is written
 * lowered into `lowered`; its start and length go into the arrays. Returns the count. */
static Py_ssize_t
split_tokens(const unsigned char *value, Py_ssize_t length, char *lowered, Py_ssize_t *starts,
             Py_ssize_t *lengths)
{
    Py_ssize_t count = 0, at = 0;
    while (at < length) {
        Py_ssize_t end = at;
        while (end < length && is_upper(value[end])) {
            end++;
        }
        if (end < length && is_lower_or_digit(value[end])) {
            while (end < length && is_lower_or_digit(value[end])) {
                end++;
            }
        }
        if (end == at) {
            at++;
            continue;
        }
        for (Py_ssize_t i = at; i < end; i++) {
            lowered[i] = is_upper(value[i]) ? (char)(value[i] + 32) : (char)value[i];
        }
        starts[count] = at;
        lengths[count] = end - at;
        count++;
        at = end;
    }
    return count;
}

static uint64_t
mask_of_tokens(const char *lowered, const Py_ssize_t *starts, const Py_ssize_t *lengths,
               Py_ssize_t count)
{
    uint64_t mask = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        /* "has-comments", "comments-open": the element's state, not what it is */
        if (i > 0 && is_among(&state_words, lowered + starts[i - 1], lengths[i - 1])) {
            continue;
        }
        if (i + 1 < count && is_among(&state_endings, lowered + starts[i + 1], lengths[i + 1])) {
            continue;
        }
        const char *token = lowered + starts[i];
        const Entry *word = looked_up(&category_words, token, lengths[i]);
        mask |= (word != NULL ? word->bits : 0) | stem_bits(token, lengths[i]);
    }
    return mask;
}

/* Whether the argument is a str; if not, a TypeError that names the function is set. */
static int
takes_str(PyObject *value, const char *function)
{
    if (PyUnicode_Check(value)) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "%s() takes a str, not %.100s", function,
                 Py_TYPE(value)->tp_name);
    return 0;
}

static PyObject *
ascii_mask(PyObject *self, PyObject *value)
{
    if (!takes_str(value, "ascii_mask")) {
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "ascii_mask() before configure()");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(value)) {
        Py_RETURN_NONE;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    Py_ssize_t most_tokens = length + 1; /* each token takes a character at least */
    char lowered_here[SHORT_VALUE];
    Py_ssize_t starts_here[SHORT_VALUE + 1], lengths_here[SHORT_VALUE + 1];
    char *lowered = lowered_here;
    Py_ssize_t *starts = starts_here, *lengths = lengths_here;
    if (length > SHORT_VALUE) {
        lowered = PyMem_Malloc(length);
        starts = PyMem_Malloc(most_tokens * sizeof(Py_ssize_t));
        lengths = PyMem_Malloc(most_tokens * sizeof(Py_ssize_t));
        if (lowered == NULL || starts == NULL || lengths == NULL) {
            PyMem_Free(lowered);
            PyMem_Free(starts);
            PyMem_Free(lengths);
            return PyErr_NoMemory();
        }
    }
    Py_ssize_t count =
        split_tokens(PyUnicode_1BYTE_DATA(value), length, lowered, starts, lengths);
    uint64_t mask = mask_of_tokens(lowered, starts, lengths, count);
    if (length > SHORT_VALUE) {
        PyMem_Free(lowered);
        PyMem_Free(starts);
        PyMem_Free(lengths);
    }
    return PyLong_FromUnsignedLongLong(mask);
}

/* What the first pass over a text's words finds. */
typedef struct {
    Py_ssize_t words, functional, joined_length;
    Py_UCS4 largest;
} WordCount;

/* Whether a word of the lowered text (characters start to end) is a function word: an ASCII
 * word is looked up in the table, any other in Python's set of them. Returns -1 on an error. */
static int
is_function_word(PyObject *lowered, int kind, const void *data, Py_ssize_t start,
                 Py_ssize_t end)
{
    char word[64]; /* the longest function word is far shorter; a longer word is none */
    Py_ssize_t size = end - start;
    if (size > (Py_ssize_t)sizeof(word)) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, start + i);
        if (c > 127) {
            if (function_set == NULL) {
                return 0;
            }
            PyObject *found = PyUnicode_Substring(lowered, start, end);
            if (found == NULL) {
                return -1;
            }
            int is_in = PySet_Contains(function_set, found);
            Py_DECREF(found);
            return is_in;
        }
        word[i] = (char)c;
    }
    return looked_up(&function_words, word, size) != NULL;
}

/* Counts the lowered text's words, the function words among them, and what joining them one
 * space apart takes. Returns -1 on an error. */
static int
count_words(PyObject *lowered, WordCount *count)
{
    int kind = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(lowered);
    Py_ssize_t length = PyUnicode_GET_LENGTH(lowered), at = 0;
    *count = (WordCount){0, 0, 0, ' '};
    while (at < length) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at))) {
            at++;
            continue;
        }
        Py_ssize_t end = at;
        for (; end < length; end++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, end);
            if (Py_UNICODE_ISSPACE(c)) {
                break;
            }
            if (c > count->largest) {
                count->largest = c;
            }
        }
        int functional = is_function_word(lowered, kind, data, at, end);
        if (functional < 0) {
            return -1;
        }
        count->functional += functional;
        count->joined_length += (count->words > 0) + (end - at);
        count->words++;
        at = end;
    }
    return 0;
}

/* The lowered text's words one space apart, `count` having measured them. */
static PyObject *
joined_words(PyObject *lowered, const WordCount *count)
{
    PyObject *joined = PyUnicode_New(count->joined_length, count->largest);
    if (joined == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(lowered), out_kind = PyUnicode_KIND(joined);
    const void *data = PyUnicode_DATA(lowered);
    void *out = PyUnicode_DATA(joined);
    Py_ssize_t length = PyUnicode_GET_LENGTH(lowered), written = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            in_word = 0;
            continue;
        }
        if (!in_word && written > 0) {
            PyUnicode_WRITE(out_kind, out, written++, ' ');
        }
        in_word = 1;
        PyUnicode_WRITE(out_kind, out, written++, c);
    }
    return joined;
}

static Py_ssize_t
count_digits(PyObject *text)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), digits = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        digits += c >= '0' && c <= '9';
    }
    return digits;
}

/* An ASCII text lowered letter by letter; any other by Python (str.lower knows the special
 * cases: "İ" becomes two characters, and a final sigma "ς"). */
static PyObject *
lowered_text(PyObject *text)
{
    if (!PyUnicode_IS_ASCII(text)) {
        return PyObject_CallMethod(text, "lower", NULL);
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t i = 0;
    while (i < length && !is_upper(data[i])) {
        i++;
    }
    if (i == length) {
        return Py_NewRef(text); /* most texts: nothing to lower */
    }
    PyObject *lowered = PyUnicode_New(length, 127);
    if (lowered == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(lowered);
    for (i = 0; i < length; i++) {
        out[i] = is_upper(data[i]) ? data[i] + 32 : data[i];
    }
    return lowered;
}

static PyObject *
text_words(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t longest_joined;
    if (!PyArg_ParseTuple(args, "Un:text_words", &text, &longest_joined)) {
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "text_words() before configure()");
        return NULL;
    }
    PyObject *lowered = lowered_text(text);
    if (lowered == NULL) {
        return NULL;
    }
    WordCount count;
    PyObject *joined = NULL;
    if (count_words(lowered, &count) == 0) {
        joined = PyUnicode_GET_LENGTH(text) < longest_joined ? joined_words(lowered, &count)
                                                             : Py_NewRef(Py_None);
    }
    Py_DECREF(lowered);
    if (joined == NULL) {
        return NULL;
    }
    return Py_BuildValue("nnnN", count.words, count.functional, count_digits(text), joined);
}

/* \w of Python's regular expressions: a letter or digit of any script, or "_" */
static int
is_word_character(Py_UCS4 c)
{
    return c == '_' || Py_UNICODE_ISALNUM(c);
}

/* The words of a folded text one space apart: written into `out` when it is not NULL;
 * returns how many characters they take, and their largest in *largest. */
static Py_ssize_t
join_words(int kind, const void *data, Py_ssize_t length, int lower_ascii, PyObject *out,
           Py_UCS4 *largest)
{
    Py_ssize_t written = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_word_character(c)) {
            in_word = 0;
            continue;
        }
        if (!in_word && written > 0) {
            if (out != NULL) {
                PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), written, ' ');
            }
            written++;
        }
        in_word = 1;
        if (lower_ascii && is_upper((unsigned char)c)) {
            c += 32;
        }
        if (out != NULL) {
            PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), written, c);
        }
        else if (c > *largest) {
            *largest = c;
        }
        written++;
    }
    return written;
}

static PyObject *
line_words(PyObject *self, PyObject *text)
{
    if (!takes_str(text, "line_words")) {
        return NULL;
    }
    /* An ASCII text folds its case letter by letter; any other is folded by Python first,
     * since folding may lengthen it ("ß" becomes "ss"). */
    int ascii = PyUnicode_IS_ASCII(text);
    PyObject *folded = ascii ? Py_NewRef(text) : PyObject_CallMethod(text, "casefold", NULL);
    if (folded == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(folded);
    const void *data = PyUnicode_DATA(folded);
    Py_ssize_t length = PyUnicode_GET_LENGTH(folded);
    /* Twice over the text: to size the result, then to fill it. */
    Py_UCS4 largest = ' ';
    Py_ssize_t size = join_words(kind, data, length, ascii, NULL, &largest);
    PyObject *words = PyUnicode_New(size, largest);
    if (words != NULL) {
        join_words(kind, data, length, ascii, words, &largest);
    }
    Py_DECREF(folded);
    return words;
}

/* A letter of Python's regular expression [^\W\d_]: a word character that is neither a decimal
 * digit nor "_" (the regular expression module's own tests of both) */
static int
is_letter(Py_UCS4 c)
{
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

/* Adds one to the count of `word` in `counts`. Returns -1 on an error. */
static int
count_once(PyObject *counts, PyObject *word)
{
    PyObject *before = PyDict_GetItemWithError(counts, word); /* borrowed */
    if (before == NULL && PyErr_Occurred()) {
        return -1;
    }
    PyObject *after = PyLong_FromSsize_t(before == NULL ? 1 : PyLong_AsSsize_t(before) + 1);
    if (after == NULL) {
        return -1;
    }
    int failed = PyDict_SetItem(counts, word, after);
    Py_DECREF(after);
    return failed;
}

static PyObject *
known_words(PyObject *self, PyObject *args)
{
    PyObject *text, *known;
    Py_ssize_t longest;
    if (!PyArg_ParseTuple(args, "UO!n:known_words", &text, &PyDict_Type, &known, &longest)) {
        return NULL;
    }
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), at = 0, runs = 0;
    while (at < length) {
        if (!is_letter(PyUnicode_READ(kind, data, at))) {
            at++;
            continue;
        }
        Py_ssize_t end = at + 1;
        while (end < length && is_letter(PyUnicode_READ(kind, data, end))) {
            end++;
        }
        runs++;
        /* a run longer than every known word is none of them: no string is made for it */
        if (end - at <= longest) {
            PyObject *word = PyUnicode_Substring(text, at, end);
            int is_known = word == NULL ? -1 : PyDict_Contains(known, word);
            int failed = is_known < 0 || (is_known && count_once(counts, word) < 0);
            Py_XDECREF(word);
            if (failed) {
                Py_DECREF(counts);
                return NULL;
            }
        }
        at = end;
    }
    return Py_BuildValue("nN", runs, counts);
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(words, stems, state_words, state_endings, function_words)\n\nSet the tables: "
     "words and stems map str to their category bits; a token after one of state_words or "
     "before one of state_endings counts for nothing."},
    {"ascii_mask", ascii_mask, METH_O,
     "ascii_mask(value)\n\nThe category bits of an ASCII attribute value, or None if the value "
     "is not ASCII."},
    {"text_words", text_words, METH_VARARGS,
     "text_words(text, longest_joined)\n\n(words, function words, digits, the lowered words "
     "one space apart or None if the text is not shorter than longest_joined)."},
    {"line_words", line_words, METH_O,
     "line_words(text)\n\nThe text's runs of word characters, case-folded, one space apart."},
    {"known_words", known_words, METH_VARARGS,
     "known_words(text, known, longest)\n\n(how many runs of letters the text holds, {run: "
     "count} for the runs that are keys of the dict known, in order of first occurrence); "
     "longest is the length of known's longest key."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_vocabulary",
    "Readings of thresher.label.vocabulary for ASCII strings, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__vocabulary(void)
{
    return PyModule_Create(&module);
}
