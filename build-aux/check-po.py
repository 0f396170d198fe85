#!/usr/bin/env python3
"""Every .po of po/LINGUAS translates every message of the current template.

  check-po.py SOURCE_ROOT               check the tree
  check-po.py --self-test SOURCE_ROOT   also check broken copies (a string
      added to the source without translation, a fuzzy and an untranslated
      entry, a language without its .po, a msgid cut short by a format
      macro) and fail unless each is rejected

The template is made afresh from po/POTFILES.in with xgettext and the very
options of meson's i18n.gettext(preset: 'glib'), so a string added to the
source and not yet in a .po fails here even when nobody ran `ninja
convene-pot`. Then for each language: `msgfmt --check --statistics` must
report neither fuzzy nor untranslated messages, and `msgcmp` must find
every msgid of the template translated in the .po. xgettext's warnings that
a msgid is not a valid C format string fail too: a printf macro such as
G_GINT64_FORMAT cuts the msgid short, and the message is never translated.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PACKAGE = 'convene'

# A copy of meson's PRESET_ARGS['glib'] (mesonbuild/modules/i18n.py), used
# when the installed meson cannot be imported.
GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def glib_preset():
    try:
        from mesonbuild.modules.i18n import PRESET_ARGS
        return list(PRESET_ARGS['glib'])
    except Exception:
        return GLIB_PRESET


def read_list(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def make_template(root, workdir, extra_sources=()):
    """The template as meson's convene-pot target makes it, plus @extra_sources
    (absolute paths); returns (path, problems)."""
    listfile = os.path.join(workdir, 'POTFILES')
    with open(listfile, 'w', encoding='utf-8') as f:
        for path in read_list(os.path.join(root, 'po', 'POTFILES.in')) + list(extra_sources):
            f.write(path + '\n')
    pot = os.path.join(workdir, PACKAGE + '.pot')
    run = subprocess.run(['xgettext', '--package-name=' + PACKAGE, '-f', listfile, '-D', root,
                          '-k_', '-o', pot] + glib_preset(),
                         capture_output=True, text=True)
    problems = []
    if run.returncode != 0:
        problems.append(f'xgettext failed: {run.stderr.strip()}')
    for line in run.stderr.splitlines():
        if 'not a valid C format string' in line:
            problems.append(f'xgettext: {line.strip()}')
    return pot, problems


def msgid_at(pot, msgcmp_line):
    """The msgid msgcmp means by “FILE:LINE: this message is used but not
    defined”."""
    m = re.match(r'^(.*):(\d+): ', msgcmp_line)
    if not m:
        return msgcmp_line
    with open(pot, encoding='utf-8') as f:
        lines = f.read().splitlines()
    # It points at the msgstr: the msgid is the nearest one above
    start = next((i for i in range(min(int(m.group(2)), len(lines)) - 1, -1, -1)
                  if lines[i].startswith('msgid ')), 0)
    msgid = lines[start] if lines else ''
    for line in lines[start + 1:]:
        if not line.startswith('"'):
            break
        msgid += ' ' + line
    return f'(template line {m.group(2)}): {msgid}'


def check_language(lang, po, pot):
    if not os.path.isfile(po):
        return [f'{lang}: po/LINGUAS lists it, but {os.path.basename(po)} does not exist']
    problems = []
    stats = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                           capture_output=True, text=True)
    summary = stats.stderr.strip().splitlines()[-1] if stats.stderr.strip() else ''
    if stats.returncode != 0:
        problems.append(f'{lang}: msgfmt --check failed: {stats.stderr.strip()}')
    elif re.search(r'\d+ (fuzzy|untranslated)', summary):
        problems.append(f'{lang}: {summary}')
    cmp = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True)
    if cmp.returncode != 0:
        missing = [l for l in cmp.stderr.splitlines() if 'used but not defined' in l]
        if missing:
            problems.append(f'{lang}: {len(missing)} message(s) of the template are not '
                            f'translated in {os.path.basename(po)}, the first '
                            f'{msgid_at(pot, missing[0])}')
        else:
            problems.append(f'{lang}: msgcmp: {cmp.stderr.strip().splitlines()[0]}')
    return problems


def check(root, po_dir=None, extra_sources=()):
    po_dir = po_dir or os.path.join(root, 'po')
    with tempfile.TemporaryDirectory() as workdir:
        pot, problems = make_template(root, workdir, extra_sources)
        if problems:
            return problems
        for lang in read_list(os.path.join(po_dir, 'LINGUAS')):
            for l in lang.split():
                problems += check_language(l, os.path.join(po_dir, l + '.po'), pot)
    return problems


def break_po(src, dst, how):
    """Copies @src to @dst with the first translated entry made fuzzy or
    untranslated."""
    with open(src, encoding='utf-8') as f:
        entries = f.read().split('\n\n')
    for i, entry in enumerate(entries):
        if re.search(r'^msgid "[^"]', entry, re.M) and 'msgid_plural' not in entry:
            if how == 'fuzzy':
                entries[i] = re.sub(r'^msgid ', '#, fuzzy\nmsgid ', entry, count=1, flags=re.M)
            else:
                entries[i] = re.sub(r'^msgstr .*(\n".*)*', 'msgstr ""', entry, flags=re.M)
            break
    with open(dst, 'w', encoding='utf-8') as f:
        f.write('\n\n'.join(entries))


def self_test(root):
    langs = [l for line in read_list(os.path.join(root, 'po', 'LINGUAS')) for l in line.split()]
    lang = langs[0]
    real_po = os.path.join(root, 'po', lang + '.po')
    failures = 0

    def expect(what, problems, fault):
        nonlocal failures
        ok = any(fault in p for p in problems)
        print(f'{"ok" if ok else "FAILED"}: self-test: {what}: '
              f'{"; ".join(problems) if problems else "accepted"}')
        failures += not ok

    with tempfile.TemporaryDirectory() as tmp:
        def po_dir(name, linguas, breakage=None):
            d = os.path.join(tmp, name)
            os.makedirs(d)
            with open(os.path.join(d, 'LINGUAS'), 'w', encoding='utf-8') as f:
                f.write('\n'.join(linguas) + '\n')
            if breakage == 'copy':
                shutil.copy(real_po, os.path.join(d, lang + '.po'))
            elif breakage:
                break_po(real_po, os.path.join(d, lang + '.po'), breakage)
            return d

        new_c = os.path.join(tmp, 'convene-new.c')
        with open(new_c, 'w', encoding='utf-8') as f:
            f.write('const char *s = N_("A string added without translation");\n')
        expect('a string added to the source, not to ' + lang + '.po',
               check(root, po_dir('added', [lang], 'copy'), [new_c]),
               'not translated in')

        expect('a fuzzy entry', check(root, po_dir('fuzzy', [lang], 'fuzzy')), 'fuzzy')
        expect('an untranslated entry', check(root, po_dir('untranslated', [lang], 'empty')),
               'untranslated')
        expect('a language of LINGUAS without its .po',
               check(root, po_dir('absent', [lang, 'xx'], 'copy')), 'xx.po does not exist')

        macro_c = os.path.join(tmp, 'convene-macro.c')
        with open(macro_c, 'w', encoding='utf-8') as f:
            f.write('g_print (_("%u of %" G_GINT64_FORMAT " bytes"), a, b);\n')
        expect('a msgid cut short by G_GINT64_FORMAT', check(root, None, [macro_c]),
               'not a valid C format string')
    return failures


def main(argv):
    test = argv[:1] == ['--self-test']
    if test:
        argv = argv[1:]
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[0]
    failures = self_test(root) if test else 0
    problems = check(root)
    for p in problems:
        print(p)
    if not problems:
        langs = ' '.join(l for line in read_list(os.path.join(root, 'po', 'LINGUAS'))
                         for l in line.split())
        print(f'po: {langs}: every message of the template translated, none fuzzy')
    return 1 if problems or failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
