#!/usr/bin/env python3
"""Every file with translatable strings is in po/POTFILES.in, and nothing else.

  check-potfiles.py SOURCE_ROOT               check the tree
  check-potfiles.py --self-test SOURCE_ROOT   also check small broken trees
      and fail unless each is rejected (and a clean one accepted)

A file left out of POTFILES.in never reaches the template, so its strings
stay English in every language and no test of the .po files notices. Looked
at: the C files under src/ (_(), N_(), C_(), NC_(), Q_(), ngettext(),
g_dngettext(), g_dpgettext2(), g_dcgettext() outside comments and string
literals), the .ui files (translatable="yes"), and under data/ the
.desktop.in, .metainfo.xml.in and .gschema.xml files. A listed file must
exist, and the list stays sorted (the house rule), without duplicates.
"""
import os
import re
import sys
import tempfile

C_KEYWORDS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|'
                        r'g_dpgettext2|g_dcgettext|g_dgettext)\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.IGNORECASE)
# The literal parts C_KEYWORDS must not look in
C_NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                     re.DOTALL)


def c_is_translatable(text):
    code = C_NOISE.sub(lambda m: '""' if m.group(0).startswith('"') else ' ', text)
    return C_KEYWORDS.search(code) is not None


def is_translatable(relpath, text):
    name = os.path.basename(relpath)
    if name.endswith(('.c', '.h')):
        return c_is_translatable(text)
    if name.endswith('.ui'):
        return UI_TRANSLATABLE.search(text) is not None
    if name.endswith('.desktop.in'):
        return re.search(r'^(Name|GenericName|Comment|Keywords)\s*=', text, re.M) is not None
    if name.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
        return re.search(r'<(name|summary|description)\b', text) is not None
    if name.endswith('.gschema.xml'):
        return re.search(r'<(summary|description)\b', text) is not None
    return False


def candidates(root):
    """Files that may hold translatable strings, relative to @root."""
    for top, exts in (('src', ('.c', '.h', '.ui')),
                      ('data', ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in',
                                '.gschema.xml'))):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(exts):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def read_potfiles(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def check(root):
    problems = []
    listed = read_potfiles(root)

    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'po/POTFILES.in lists {path}, which does not exist')
    if len(set(listed)) != len(listed):
        dups = sorted({p for p in listed if listed.count(p) > 1})
        problems.append(f'po/POTFILES.in lists these more than once: {", ".join(dups)}')
    if listed != sorted(listed):
        first = next(b for a, b in zip(listed, listed[1:]) if b < a)
        problems.append(f'po/POTFILES.in is not sorted: {first} is out of place')

    listed = set(listed)
    for path in candidates(root):
        with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
            text = f.read()
        if path not in listed and is_translatable(path, text):
            problems.append(f'{path} has translatable strings but is missing from '
                            'po/POTFILES.in')
    return problems


def self_test():
    """Small trees, each with one fault (or none), through check()."""
    good_c = '#include <glib/gi18n.h>\nconst char *s = N_("Hello");\n'
    cases = [
        # (what, files, POTFILES.in lines, expected fault or None)
        ('a clean tree', {'src/a.c': good_c, 'src/b.c': 'int x = f_(1);\n'},
         ['src/a.c'], None),
        ('only comments and strings mention _(', {
            'src/a.c': '/* call _("x") */\n// ngettext (a, b, n)\nconst char *s = "_(";\n'},
         [], None),
        ('a C file with _() left out', {'src/a.c': good_c, 'src/gui/new.c':
                                        'g_print ("%s", _("Hi"));\n'},
         ['src/a.c'], 'src/gui/new.c has translatable strings'),
        ('a C file with ngettext left out', {'src/n.c':
                                             'ngettext ("a day", "%u days", n);\n'},
         [], 'src/n.c has translatable strings'),
        ('a C file with C_() left out', {'src/c.c': 'C_("badge", "Soon");\n'},
         [], 'src/c.c has translatable strings'),
        ('a .ui file left out', {'src/gui/w.ui':
                                 '<property name="label" translatable="yes">Hi</property>'},
         [], 'src/gui/w.ui has translatable strings'),
        ('a desktop file left out', {'data/x.desktop.in': '[Desktop Entry]\nName=X\n'},
         [], 'data/x.desktop.in has translatable strings'),
        ('a schema left out', {'data/x.gschema.xml': '<schemalist><schema><key>'
                               '<summary>S</summary></key></schema></schemalist>'},
         [], 'data/x.gschema.xml has translatable strings'),
        ('a metainfo file left out', {'data/x.metainfo.xml.in':
                                      '<component><name>X</name></component>'},
         [], 'data/x.metainfo.xml.in has translatable strings'),
        ('a listed file that does not exist', {'src/a.c': good_c},
         ['src/a.c', 'src/gone.c'], 'lists src/gone.c, which does not exist'),
        ('an unsorted list', {'src/a.c': good_c, 'src/b.c': good_c},
         ['src/b.c', 'src/a.c'], 'is not sorted'),
    ]
    failures = 0
    for what, files, potfiles, expected in cases:
        with tempfile.TemporaryDirectory() as root:
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), 'w', encoding='utf-8') as f:
                    f.write(text)
            os.makedirs(os.path.join(root, 'po'), exist_ok=True)
            with open(os.path.join(root, 'po', 'POTFILES.in'), 'w', encoding='utf-8') as f:
                f.write('# comment\n' + ''.join(p + '\n' for p in potfiles))
            problems = check(root)
        if expected is None:
            ok = not problems
        else:
            ok = any(expected in p for p in problems)
        print(f'{"ok" if ok else "FAILED"}: self-test: {what}: '
              f'{"; ".join(problems) if problems else "accepted"}')
        failures += not ok
    return failures


def main(argv):
    test = argv[:1] == ['--self-test']
    if test:
        argv = argv[1:]
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    failures = self_test() if test else 0
    problems = check(argv[0])
    for p in problems:
        print(p)
    if not problems:
        print(f'po/POTFILES.in: all {len(read_potfiles(argv[0]))} files with translatable '
              'strings are listed')
    return 1 if problems or failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
