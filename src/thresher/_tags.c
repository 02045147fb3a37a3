/* The markup guard's reading of tags in C (thresher.dom.read_tags): where each start tag
 * longer than a limit begins and ends, found as the HTML tokenizer finds tags; how many start
 * tags open an <option>; which tags open or close elements nested deeper than a depth limit;
 * and where a raw text element written self-closed ("<iframe ... />") needs its end tag.
 *
 * The parser's time grows with the square of one tag's number of attributes, and nothing can
 * stop it mid-parse, so the guard cuts every tag longer than Options.max_tag_chars before the
 * parse. A tag ends at the first '>' outside a quoted attribute value, so finding that end
 * means reading every tag's attributes: in Python that took several times as long as all the
 * rest of the guard, here it is a pass over the text at memchr's pace between tags.
 *
 * The reading, which dom.py's Python reading follows step for step:
 * - a comment ("<!--") ends at "-->" or "--!>" ("<!-->" and "<!--->" at once); any other
 *   "<!", a "<?", and a "</" before no letter end at the next '>';
 * - a start or an end tag is a '<' or "</" before an ASCII letter, its name, then attributes:
 *   a value is quoted only where its quote follows the '=', and only its closing quote ends
 *   it; an unclosed quote or tag runs to the end of the text;
 * - the content of a raw text element (script, style, title...) is text to its end tag,
 *   except inside an <svg> or a <math>, where the parser reads the same elements' content as
 *   markup (see read_markup).
 *
 * Built by setup.py beside the other C modules when a C compiler is at hand.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* An element open: where its name is in the text, and whether it is special or a scope
 * boundary (see closed_level). */
struct Open {
    Py_ssize_t start, length;
    unsigned char kind;
};

/* A formatting element in the parser's list: its name, its attributes as written, and how
 * many markers came before it (its segment). */
struct Entry {
    struct Open name;
    Py_ssize_t attributes, attributes_length, segment;
};

/* How many formatting elements the reading lets the list hold (see admits); dom.py's
 * _MOST_FORMATTING. The most any wcxb-dev page leaves there is 5. */
enum { MOST_FORMATTING = 8 };

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t limit;
    PyObject *found;
    PyObject *closings; /* (position, name) where a self-closed raw text element needs its end */
    Py_ssize_t options;
    Py_ssize_t max_depth;
    struct Open *open; /* the elements open, outermost first: depth of them */
    Py_ssize_t depth, room;
    int in_form; /* a form was opened and no </form> has come since: the parser opens no other */
    PyObject *deep; /* (start, end) of each tag that opens or closes a level past max_depth */
    /* The parser's list of active formatting elements, as the reading keeps it (see admits):
     * entries of them, the first the oldest, and how many markers the list has had. */
    struct Entry formatting[MOST_FORMATTING];
    Py_ssize_t entries, segment;
    PyObject *crowded; /* (start, end) of each formatting start tag that admits refused */
    int roots_seen;    /* which root tags (ROOT_HTML, ROOT_BODY) have been read */
    Py_ssize_t merged_chars; /* the characters of the repeated root tags' attributes */
    PyObject *merged;  /* (start, end) of the attributes of each root tag past MOST_MERGED_CHARS */
} Scan;

static inline Py_UCS4
at(const Scan *scan, Py_ssize_t i)
{
    return PyUnicode_READ(scan->kind, scan->data, i);
}

static inline int
is_space(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static inline int
is_letter(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The first c at or after start and before stop, or stop. */
static Py_ssize_t
find(const Scan *scan, Py_UCS4 c, Py_ssize_t start, Py_ssize_t stop)
{
    if (start >= stop)
        return stop;
    if (scan->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *text = scan->data;
        /* most searches end within a few characters, sooner than a call to memchr returns */
        Py_ssize_t near = start + 16 < stop ? start + 16 : stop;
        for (; start < near; start++)
            if (text[start] == c)
                return start;
        if (start >= stop)
            return stop;
        const void *hit = memchr(text + start, (int)c, (size_t)(stop - start));
        return hit ? (const Py_UCS1 *)hit - text : stop;
    }
    for (Py_ssize_t i = start; i < stop; i++)
        if (at(scan, i) == c)
            return i;
    return stop;
}

static Py_ssize_t
after(const Scan *scan, Py_UCS4 c, Py_ssize_t start, Py_ssize_t stop)
{
    Py_ssize_t i = find(scan, c, start, stop);
    return i < stop ? i + 1 : stop;
}

static int
starts_with(const Scan *scan, const char *prefix, Py_ssize_t at_index, Py_ssize_t stop)
{
    for (Py_ssize_t k = 0; prefix[k]; k++)
        if (at_index + k >= stop || at(scan, at_index + k) != (Py_UCS4)prefix[k])
            return 0;
    return 1;
}

/* Past a comment whose "<!--" ends just before start. */
static Py_ssize_t
comment_end(const Scan *scan, Py_ssize_t start, Py_ssize_t stop)
{
    if (starts_with(scan, ">", start, stop))
        return start + 1;
    if (starts_with(scan, "->", start, stop))
        return start + 2;
    for (;;) {
        Py_ssize_t dash = find(scan, '-', start, stop);
        if (dash >= stop)
            return stop;
        if (starts_with(scan, "-->", dash, stop))
            return dash + 3;
        if (starts_with(scan, "--!>", dash, stop))
            return dash + 4;
        start = dash + 1;
    }
}

enum State { TAG_NAME, BEFORE_NAME, NAME, AFTER_NAME, BEFORE_VALUE, UNQUOTED };
/* Where a character above '>' (a letter, say: none that the tokenizer looks for) leads. */
static const enum State AFTER_PLAIN[] = {TAG_NAME, NAME, NAME, NAME, UNQUOTED, UNQUOTED};

/* The '>' that ends a tag whose name starts at i, or stop. */
static Py_ssize_t
tag_end(const Scan *scan, Py_ssize_t i, Py_ssize_t stop)
{
    enum State state = TAG_NAME;
    for (; i < stop; i++) {
        Py_UCS4 c = at(scan, i);
        if (c > '>') {
            /* the rest of a name or a value, read at once: most of a tag's characters */
            state = AFTER_PLAIN[state];
            while (i + 1 < stop && at(scan, i + 1) > '>')
                i++;
            continue;
        }
        if (c == '>')
            return i;
        switch (state) {
        case TAG_NAME:
        case UNQUOTED:
            if (is_space(c) || (c == '/' && state == TAG_NAME))
                state = BEFORE_NAME;
            break;
        case BEFORE_NAME:
            if (!is_space(c) && c != '/')
                state = NAME; /* the name's first character may be '=' or a quote */
            break;
        case NAME:
        case AFTER_NAME:
            if (c == '=')
                state = BEFORE_VALUE;
            else if (c == '/')
                state = BEFORE_NAME;
            else if (is_space(c))
                state = AFTER_NAME;
            else
                state = NAME;
            break;
        case BEFORE_VALUE:
            if (c == '"' || c == '\'') {
                i = find(scan, c, i + 1, stop);
                if (i >= stop)
                    return stop;
                state = BEFORE_NAME;
            }
            else if (!is_space(c))
                state = UNQUOTED;
            break;
        }
    }
    return stop;
}

typedef struct {
    const char *name;
    Py_ssize_t length;
} Name;

#define NAME(text) {text, sizeof(text) - 1}
/* (<noscript> is none: thresher's parser runs no scripts, so it reads its content as markup) */
static const Name RAW_TEXT[] = { /* <script> first: read_markup tells it apart */
    NAME("script"), NAME("style"), NAME("title"), NAME("textarea"), NAME("xmp"),
    NAME("iframe"), NAME("noembed"), NAME("noframes"), {NULL, 0},
};
static const Name SVG = NAME("svg"), MATH = NAME("math"), OPTION = NAME("option");
/* Elements that never deepen the tree: the parser closes them when a sibling starts, they hold
 * no content, or they stand at its root (it opens <html>, <head> and <body> once, however
 * often a page writes them, and leaves the elements open after </body> and </html>);
 * dom._NOT_NESTING, which a test holds to this list. (Not <optgroup>: it closes the one before
 * it only in a <select>.) */
static const Name NOT_NESTING[] = {
    NAME("p"), NAME("li"), NAME("dt"), NAME("dd"), NAME("option"),
    NAME("tr"), NAME("td"), NAME("th"), NAME("thead"), NAME("tbody"), NAME("tfoot"),
    NAME("colgroup"), NAME("caption"), NAME("area"),
    NAME("base"), NAME("br"), NAME("col"), NAME("embed"), NAME("hr"), NAME("img"),
    NAME("input"), NAME("link"), NAME("meta"), NAME("param"), NAME("source"), NAME("track"),
    NAME("wbr"), NAME("html"), NAME("head"), NAME("body"), {NULL, 0},
};
/* The parser's special elements that deepen the tree: one of them open stops an end tag of an
 * ordinary element (a span, a b) from closing anything below it. */
static const Name SPECIAL[] = {
    NAME("address"), NAME("applet"), NAME("article"), NAME("aside"), NAME("blockquote"),
    NAME("button"), NAME("center"), NAME("details"), NAME("dialog"), NAME("dir"),
    NAME("div"), NAME("dl"), NAME("fieldset"), NAME("figcaption"), NAME("figure"),
    NAME("footer"), NAME("form"), NAME("frameset"), NAME("h1"), NAME("h2"), NAME("h3"),
    NAME("h4"), NAME("h5"), NAME("h6"), NAME("header"), NAME("hgroup"),
    NAME("listing"), NAME("main"), NAME("marquee"), NAME("menu"), NAME("nav"),
    NAME("noscript"), NAME("object"), NAME("ol"), NAME("plaintext"), NAME("pre"),
    NAME("search"), NAME("section"), NAME("select"), NAME("summary"), NAME("table"),
    NAME("template"), NAME("ul"), NAME("mi"), NAME("mo"), NAME("mn"), NAME("ms"),
    NAME("mtext"), NAME("annotation-xml"), NAME("foreignobject"), NAME("desc"), {NULL, 0},
};
/* The special elements that stop an end tag of a special one from closing anything below
 * them (the parser's scope). */
static const Name BOUNDARY[] = {
    NAME("applet"), NAME("marquee"), NAME("object"), NAME("table"),
    NAME("template"), NAME("mi"), NAME("mo"), NAME("mn"), NAME("ms"), NAME("mtext"),
    NAME("annotation-xml"), NAME("foreignobject"), NAME("desc"), {NULL, 0},
};
/* The parser's formatting elements: each one open is also kept in a list that the parser
 * reads again at every element it opens. */
static const Name FORMATTING[] = {
    NAME("a"), NAME("b"), NAME("big"), NAME("code"), NAME("em"), NAME("font"), NAME("i"),
    NAME("nobr"), NAME("s"), NAME("small"), NAME("strike"), NAME("strong"), NAME("tt"),
    NAME("u"), {NULL, 0},
};
/* The elements at whose start the parser puts a marker in its list of formatting elements:
 * what the list holds before the last marker is neither cloned nor matched (see admits);
 * dom._MARKED. */
static const Name MARKED[] = {
    NAME("td"), NAME("th"), NAME("caption"), NAME("applet"), NAME("marquee"), NAME("object"),
    NAME("template"), {NULL, 0},
};
static const Name LINK = NAME("a");
/* The parser merges the attributes of each <html> or <body> start tag after the first into the
 * element the first opened, looking each one up among those the element has: in time that
 * grows with the square of their number (30,000 times "<body aN=1>", 0.4 MB, took it 2.9 s;
 * twice as many, 15 s). Past this many characters of such attributes, the later tags lose
 * theirs; dom.py's _MOST_MERGED_CHARS. No wcxb-dev page repeats more than 501. */
enum { MOST_MERGED_CHARS = 4096, ROOT_HTML = 1, ROOT_BODY = 2 };
static const Name HTML = NAME("html"), BODY = NAME("body");
/* The parser opens no form while one is open, and takes only the form itself off its stack at
 * </form>, leaving the elements inside it open; here, </form> closes a level only where the
 * form is the innermost element (the tree keeps the form's level either way). */
static const Name FORM = NAME("form");
/* How far below the innermost element an end tag's element is looked for: beyond it, the end
 * tag closes nothing here (the reading then counts more levels than the parser has, never
 * fewer), and a flood of end tags costs the reading linear time. */
enum { SEARCHED_LEVELS = 64 };
enum { SPECIAL_KIND = 1, BOUNDARY_KIND = 2 };

/* The lists a name of a given length and first letter may be in: looked up at once, this
 * settles most tags (div, span, a) without comparing their name with any listed one. */
enum {
    LONGEST_LISTED = 14,
    IN_NOT_NESTING = 1,
    IN_RAW_TEXT = 2,
    IN_SPECIAL = 4,
    IN_BOUNDARY = 8,
    IN_FORMATTING = 16,
    IN_MARKED = 32,
};
static unsigned char listed_shapes[LONGEST_LISTED + 1][26];

static int
note_shapes(const Name *names, unsigned char list)
{
    for (; names->name; names++) {
        if (names->length > LONGEST_LISTED) {
            PyErr_SetString(PyExc_ValueError, "_tags: a listed name is longer than LONGEST_LISTED");
            return -1;
        }
        listed_shapes[names->length][names->name[0] - 'a'] |= list;
    }
    return 0;
}

static unsigned char
lists_of(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t length = end - start;
    if (length < 1 || length > LONGEST_LISTED)
        return 0;
    Py_UCS4 first = at(scan, start) | 0x20; /* a tag's name starts with an ASCII letter */
    return first >= 'a' && first <= 'z' ? listed_shapes[length][first - 'a'] : 0;
}

/* Whether the name from start to end is name, in any ASCII case. */
static int
is_named(const Scan *scan, Py_ssize_t start, Py_ssize_t end, const Name *name)
{
    if (end - start != name->length)
        return 0;
    for (Py_ssize_t k = 0; k < name->length; k++) {
        Py_UCS4 c = at(scan, start + k);
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != (Py_UCS4)name->name[k])
            return 0;
    }
    return 1;
}

/* Whether the name from start to end is one of names, whose shapes carry list. */
static int
is_listed(const Scan *scan, Py_ssize_t start, Py_ssize_t end, const Name *names,
          unsigned char list)
{
    if (!(lists_of(scan, start, end) & list))
        return 0;
    for (; names->name; names++)
        if (is_named(scan, start, end, names))
            return 1;
    return 0;
}

/* Whether an open element and the name from start to end are the same, in any ASCII case. */
static int
same_name(const Scan *scan, const struct Open *open, Py_ssize_t start, Py_ssize_t end)
{
    if (open->length != end - start)
        return 0;
    for (Py_ssize_t k = 0; k < open->length; k++) {
        Py_UCS4 a = at(scan, open->start + k), b = at(scan, start + k);
        if (a >= 'A' && a <= 'Z')
            a += 'a' - 'A';
        if (b >= 'A' && b <= 'Z')
            b += 'a' - 'A';
        if (a != b)
            return 0;
    }
    return 1;
}

/* Where a tag's name that starts at start ends, before end at the latest. */
static Py_ssize_t
name_end(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    while (start < end && !is_space(at(scan, start)) && at(scan, start) != '/')
        start++;
    return start;
}

static int
is_foreign(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    return is_named(scan, start, end, &SVG) || is_named(scan, start, end, &MATH);
}

/* The raw text element a start tag's name (from start to end) names, or NULL. */
static const Name *
raw_text_name(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    if (!(lists_of(scan, start, end) & IN_RAW_TEXT))
        return NULL;
    for (const Name *raw = RAW_TEXT; raw->name; raw++)
        if (is_named(scan, start, end, raw))
            return raw;
    return NULL;
}

/* Whether an element named from start to end deepens the tree. A raw text element holds no
 * elements, so it adds one level at most, and is never one the guard removes: without its
 * start tag its text would show, without its end tag the rest of the page would be its text. */
static int
nests(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    unsigned char lists = lists_of(scan, start, end);
    if (lists & IN_NOT_NESTING)
        for (const Name *name = NOT_NESTING; name->name; name++)
            if (is_named(scan, start, end, name))
                return 0;
    return !(lists & IN_RAW_TEXT) || raw_text_name(scan, start, end) == NULL;
}

/* Where the end tag of the raw text element raw begins, or stop. */
static Py_ssize_t
raw_text_end(const Scan *scan, const Name *raw, Py_ssize_t start, Py_ssize_t stop)
{
    Py_ssize_t length = raw->length;
    for (;;) {
        Py_ssize_t open = find(scan, '<', start, stop);
        if (open >= stop)
            return stop;
        start = open + 1;
        if (!starts_with(scan, "/", start, stop))
            continue;
        Py_ssize_t k = 0;
        for (; k < length && start + 1 + k < stop; k++) {
            Py_UCS4 c = at(scan, start + 1 + k);
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            if (c != (Py_UCS4)raw->name[k])
                break;
        }
        if (k < length)
            continue;
        Py_ssize_t next = start + 1 + length;
        if (next >= stop)
            return open;
        Py_UCS4 c = at(scan, next);
        if (is_space(c) || c == '/' || c == '>')
            return open;
    }
}

static int
note(PyObject *list, PyObject *pair)
{
    if (pair == NULL)
        return -1;
    int failed = PyList_Append(list, pair);
    Py_DECREF(pair);
    return failed;
}

/* Notes the tag from open to its '>' at end (or the end of the text) as one to remove. */
static int
note_deep(Scan *scan, Py_ssize_t open, Py_ssize_t end, Py_ssize_t stop)
{
    return note(scan->deep, Py_BuildValue("(nn)", open, end < stop ? end + 1 : stop));
}

/* Opens the element whose name is from start to end, one level deeper. */
static int
push(Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    if (scan->depth == scan->room) {
        Py_ssize_t room = scan->room ? 2 * scan->room : 64;
        struct Open *grown = PyMem_Realloc(scan->open, (size_t)room * sizeof(struct Open));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        scan->open = grown;
        scan->room = room;
    }
    unsigned char kind = 0;
    if (is_listed(scan, start, end, SPECIAL, IN_SPECIAL))
        kind |= SPECIAL_KIND;
    if (is_listed(scan, start, end, BOUNDARY, IN_BOUNDARY))
        kind |= BOUNDARY_KIND;
    scan->open[scan->depth++] = (struct Open){start, end - start, kind};
    scan->in_form |= is_named(scan, start, end, &FORM);
    return 0;
}

/* The level (0 the outermost) of the element that the end tag named from start to end
 * closes, with every element inside it, or -1 where it closes none. As the parser's tree
 * builder does, roughly: the end tag of a special element closes the innermost element of
 * its name unless a scope boundary (a table, say) is open inside that one; the end tag of
 * any other element, unless a special element is open inside that one. */
static Py_ssize_t
closed_level(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    if (!nests(scan, start, end))
        return -1;
    if (is_named(scan, start, end, &FORM)) {
        Py_ssize_t top = scan->depth - 1;
        return top >= 0 && same_name(scan, &scan->open[top], start, end) ? top : -1;
    }
    unsigned char stops = is_listed(scan, start, end, SPECIAL, IN_SPECIAL) ? BOUNDARY_KIND
                                                                           : SPECIAL_KIND;
    Py_ssize_t lowest = scan->depth > SEARCHED_LEVELS ? scan->depth - SEARCHED_LEVELS : 0;
    for (Py_ssize_t level = scan->depth - 1; level >= lowest; level--) {
        if (same_name(scan, &scan->open[level], start, end))
            return level;
        if (scan->open[level].kind & stops)
            return -1;
    }
    return -1;
}

/* Whether the attributes of an entry and those from start to end are written alike. */
static int
same_attributes(const Scan *scan, const struct Entry *entry, Py_ssize_t start, Py_ssize_t end)
{
    if (entry->attributes_length != end - start)
        return 0;
    for (Py_ssize_t k = 0; k < entry->attributes_length; k++)
        if (at(scan, entry->attributes + k) != at(scan, start + k))
            return 0;
    return 1;
}

static void
drop_entry(Scan *scan, Py_ssize_t k)
{
    memmove(&scan->formatting[k], &scan->formatting[k + 1],
            (size_t)(scan->entries - k - 1) * sizeof(struct Entry));
    scan->entries--;
}

/* Whether the start tag of a formatting element (named from start to name, its attributes
 * from name to end) may stay, and if so, its entry in the list.
 *
 * The parser keeps each formatting element (<b>, <font>, <a>...) in a list until its end tag,
 * and at each text or element that follows, opens a copy of every one of them that a block's
 * end closed. It keeps at most three alike (the same name and attributes) after the list's last
 * marker, but any number that differ: 4,000 times "<div><b class=cN>x</div>", 120 KB, made it
 * clone 8 million elements into 3.7 GB of memory, and the tree stays shallow. So the list may
 * hold at most MOST_FORMATTING elements here, and a start tag that would add one more is
 * removed: the parser then clones at most that many elements (and a link) at each point of
 * the page.
 *
 * A marker (at a table cell, say) hides what comes before it from the parser's matching, and
 * the parser clears the list back to it where the cell ends. The reading cannot tell each
 * cell's end as the parser does, and a marker put where the parser puts none would hide
 * elements from the count, so markers count no element out, and three alike anywhere in the
 * list are enough to drop the first: then the reading's list holds every element the parser's
 * holds after its last marker. Markers only keep an end tag from matching an element before
 * them (see forget). An <a> is not counted: the parser ends the one after the last marker at
 * each new one. */
static int
admits(Scan *scan, Py_ssize_t start, Py_ssize_t name, Py_ssize_t end)
{
    if (is_named(scan, start, name, &LINK))
        return 1;
    struct Entry *entries = scan->formatting;
    Py_ssize_t first_alike = -1, alike = 0;
    for (Py_ssize_t k = 0; k < scan->entries; k++) {
        if (same_name(scan, &entries[k].name, start, name)
            && same_attributes(scan, &entries[k], name, end)) {
            alike++;
            first_alike = first_alike < 0 ? k : first_alike;
        }
    }
    if (alike >= 3)
        drop_entry(scan, first_alike);
    else if (scan->entries >= MOST_FORMATTING)
        return 0;
    entries[scan->entries++] = (struct Entry){
        {start, name - start, 0}, name, end - name, scan->segment};
    return 1;
}

/* A start tag named from start to name, its attributes from name to end: where it repeats a
 * root tag (see MOST_MERGED_CHARS), its attributes may have to go. */
static int
note_root(Scan *scan, Py_ssize_t start, Py_ssize_t name, Py_ssize_t end)
{
    int root = is_named(scan, start, name, &HTML) ? ROOT_HTML
        : is_named(scan, start, name, &BODY)     ? ROOT_BODY
                                                 : 0;
    if (!root)
        return 0;
    if ((scan->roots_seen & root) && end > name) {
        scan->merged_chars += end - name;
        if (scan->merged_chars > MOST_MERGED_CHARS
            && note(scan->merged, Py_BuildValue("(nn)", name, end)) < 0)
            return -1;
    }
    scan->roots_seen |= root;
    return 0;
}

/* Whether no element named from start to end is open, as far as the reading can tell. */
static int
surely_closed(const Scan *scan, Py_ssize_t start, Py_ssize_t end)
{
    if (scan->depth > SEARCHED_LEVELS)
        return 0;
    for (Py_ssize_t level = 0; level < scan->depth; level++)
        if (same_name(scan, &scan->open[level], start, end))
            return 0;
    return 1;
}

/* The end tag of a formatting element (named from start to end), which closes level: the
 * parser takes the element after the last marker off the list, unless it is open but out of
 * reach (in a table, say). */
static void
forget(Scan *scan, Py_ssize_t start, Py_ssize_t end, Py_ssize_t level)
{
    for (Py_ssize_t k = scan->entries - 1;
         k >= 0 && scan->formatting[k].segment == scan->segment; k--) {
        if (same_name(scan, &scan->formatting[k].name, start, end)) {
            if (level >= 0 || surely_closed(scan, start, end))
                drop_entry(scan, k);
            return;
        }
    }
}

/* Reads the markup from position to stop. Outside drawings (<svg>, <math>) the content of a
 * raw text element is text to its end tag. Inside one, or where one may still be open (a
 * drawing that closed itself, or that the parser left for an HTML element, counts as open:
 * the reading errs towards reading more), it is read as markup that cannot run past that end
 * tag (in_raw_text), in which no element holds raw text, so that the reading nests once. Its
 * elements count towards the depth as any others: in an <svg>'s <title>, say, the parser nests
 * HTML elements as anywhere else, and a <div> in its <style> ends the drawing. */
static int
read_markup(Scan *scan, Py_ssize_t position, Py_ssize_t stop, int in_raw_text)
{
    Py_ssize_t drawings = 0; /* the <svg> and <math> elements open */
    while (position < stop) {
        Py_ssize_t open = find(scan, '<', position, stop);
        if (open >= stop)
            return 0;
        Py_UCS4 next = open + 1 < stop ? at(scan, open + 1) : 0;
        if (next == '!') {
            position = starts_with(scan, "<!--", open, stop)
                ? comment_end(scan, open + 4, stop)
                : after(scan, '>', open + 2, stop);
        }
        else if (next == '?') {
            position = after(scan, '>', open + 2, stop);
        }
        else if (next == '/') {
            Py_UCS4 first = open + 2 < stop ? at(scan, open + 2) : 0;
            if (!is_letter(first)) {
                position = after(scan, '>', open + 2, stop);
                continue;
            }
            Py_ssize_t end = tag_end(scan, open + 2, stop);
            Py_ssize_t name = name_end(scan, open + 2, end);
            if (drawings > 0 && is_foreign(scan, open + 2, name))
                drawings--;
            Py_ssize_t level = closed_level(scan, open + 2, name);
            if (is_named(scan, open + 2, name, &FORM))
                scan->in_form = 0;
            if (is_listed(scan, open + 2, name, FORMATTING, IN_FORMATTING))
                forget(scan, open + 2, name, level);
            if (level >= 0) {
                if (level >= scan->max_depth && note_deep(scan, open, end, stop) < 0)
                    return -1;
                scan->depth = level;
            }
            position = end + 1;
        }
        else if (is_letter(next)) {
            Py_ssize_t end = tag_end(scan, open + 1, stop);
            if (end - open > scan->limit
                && note(scan->found, Py_BuildValue("(nn)", open, end)) < 0)
                return -1;
            Py_ssize_t name = name_end(scan, open + 1, end);
            scan->options += is_named(scan, open + 1, name, &OPTION);
            position = end + 1;
            scan->segment += is_listed(scan, open + 1, name, MARKED, IN_MARKED);
            if (note_root(scan, open + 1, name, end) < 0)
                return -1;
            int formatting = is_listed(scan, open + 1, name, FORMATTING, IN_FORMATTING);
            if (formatting && !admits(scan, open + 1, name, end)) {
                if (note(scan->crowded, Py_BuildValue("(nn)", open, end < stop ? end + 1 : stop))
                    < 0)
                    return -1;
                continue;
            }
            /* A start tag that ends in "/>" closes itself in a drawing: it opens a level here
             * only where it names a special or a formatting element, which the parser opens
             * whatever the "/>" (and which leave a drawing); the others cost it little. */
            int closed = end < stop && at(scan, end - 1) == '/'
                && !is_listed(scan, open + 1, name, SPECIAL, IN_SPECIAL)
                && !formatting;
            /* A start tag closes nothing here, though the parser's may (a link closes an open
             * link, a paragraph's the paragraph): the parser then opens again the formatting
             * elements closed with them, and counted as closes, floods of such tags nested
             * 30,000 levels unseen. Left open, they count a level each. */
            if (!closed && nests(scan, open + 1, name)
                && !(scan->in_form && is_named(scan, open + 1, name, &FORM))) {
                if (push(scan, open + 1, name) < 0)
                    return -1;
                if (scan->depth > scan->max_depth && note_deep(scan, open, end, stop) < 0)
                    return -1;
            }
            if (in_raw_text || position >= stop)
                continue;
            if (is_foreign(scan, open + 1, name)) {
                drawings++;
                continue;
            }
            const Name *raw = raw_text_name(scan, open + 1, name);
            if (raw == NULL)
                continue;
            /* The parser takes "<iframe ... />" for a start tag and the rest of the page for
             * its text; browsers that run scripts never show it so. (A <script> written so
             * is read as the parser reads it.) */
            if (closed && raw != &RAW_TEXT[0]) {
                if (note(scan->closings, Py_BuildValue("(ns)", position, raw->name)) < 0)
                    return -1;
                continue;
            }
            Py_ssize_t raw_end = raw_text_end(scan, raw, position, stop);
            if (drawings > 0 && read_markup(scan, position, raw_end, 1) < 0)
                return -1;
            position = raw_end;
        }
        else {
            position = open + 1;
        }
    }
    return 0;
}

static PyObject *
read_tags(PyObject *self, PyObject *args)
{
    PyObject *markup;
    Py_ssize_t limit, max_depth, length;
    if (!PyArg_ParseTuple(args, "Onn:read_tags", &markup, &limit, &max_depth))
        return NULL;
    Scan scan = {.kind = PyUnicode_1BYTE_KIND, .limit = limit, .max_depth = max_depth};
    if (PyUnicode_Check(markup)) {
        scan.kind = PyUnicode_KIND(markup);
        scan.data = PyUnicode_DATA(markup);
        length = PyUnicode_GET_LENGTH(markup);
    }
    else if (PyBytes_Check(markup)) {
        /* UTF-8: every character the reading looks for is one byte, which no other
         * character's bytes hold */
        scan.data = PyBytes_AS_STRING(markup);
        length = PyBytes_GET_SIZE(markup);
    }
    else {
        PyErr_SetString(PyExc_TypeError, "read_tags reads a str or UTF-8 bytes");
        return NULL;
    }
    scan.found = PyList_New(0);
    scan.closings = PyList_New(0);
    scan.deep = PyList_New(0);
    scan.crowded = PyList_New(0);
    scan.merged = PyList_New(0);
    int failed = scan.found == NULL || scan.closings == NULL || scan.deep == NULL
        || scan.crowded == NULL || scan.merged == NULL
        || read_markup(&scan, 0, length, 0) < 0;
    PyMem_Free(scan.open);
    if (failed) {
        Py_XDECREF(scan.found);
        Py_XDECREF(scan.closings);
        Py_XDECREF(scan.deep);
        Py_XDECREF(scan.crowded);
        Py_XDECREF(scan.merged);
        return NULL;
    }
    return Py_BuildValue("(NnNNNN)", scan.found, scan.options, scan.deep, scan.closings,
                         scan.crowded, scan.merged);
}

static PyMethodDef methods[] = {
    {"read_tags", read_tags, METH_VARARGS,
     "read_tags(markup, limit, max_depth, /)\n--\n\n(start, end) of each start tag longer "
     "than limit characters (bytes, where markup is UTF-8 bytes): its '<' and the '>' that "
     "ends it (or the end); how many start tags open an <option>; (start, end) of each tag "
     "that opens or closes an element nested deeper than max_depth, its '>' included; and "
     "(position, name) where a raw text element written self-closed needs its end tag; and "
     "(start, end) of each start tag of a formatting element that would crowd the parser's "
     "list of them; (start, end) of the attributes of each repeated <html> or <body> start "
     "tag past the first 4,096 characters of such attributes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_tags",
    "The markup guard's reading of tags in C (see thresher.dom).", -1, methods,
};

static PyObject *
names_of(const Name *names)
{
    PyObject *found = PyList_New(0);
    for (; found != NULL && names->name; names++) {
        PyObject *name = PyUnicode_FromString(names->name);
        if (name == NULL || PyList_Append(found, name) < 0) {
            Py_XDECREF(name);
            Py_CLEAR(found);
            break;
        }
        Py_DECREF(name);
    }
    return found;
}

static int
add_names(PyObject *tags, const char *attribute, const Name *names)
{
    PyObject *found = names_of(names);
    if (found == NULL)
        return -1;
    int failed = PyModule_AddObjectRef(tags, attribute, found);
    Py_DECREF(found);
    return failed;
}

PyMODINIT_FUNC
PyInit__tags(void)
{
    if (note_shapes(NOT_NESTING, IN_NOT_NESTING) < 0 || note_shapes(RAW_TEXT, IN_RAW_TEXT) < 0
        || note_shapes(SPECIAL, IN_SPECIAL) < 0 || note_shapes(BOUNDARY, IN_BOUNDARY) < 0
        || note_shapes(FORMATTING, IN_FORMATTING) < 0 || note_shapes(MARKED, IN_MARKED) < 0)
        return NULL;
    PyObject *tags = PyModule_Create(&module);
    if (tags == NULL)
        return NULL;
    /* the element lists, for a test to hold them to dom.py's */
    if (add_names(tags, "RAW_TEXT", RAW_TEXT) < 0
        || add_names(tags, "NOT_NESTING", NOT_NESTING) < 0
        || add_names(tags, "SPECIAL", SPECIAL) < 0 || add_names(tags, "BOUNDARY", BOUNDARY) < 0
        || add_names(tags, "FORMATTING", FORMATTING) < 0
        || add_names(tags, "MARKED", MARKED) < 0) {
        Py_DECREF(tags);
        return NULL;
    }
    return tags;
}
