#!/usr/bin/env python3
"""Build an offline PEP 503 "simple" package index from Debian's python3-* packages.

PyPI is not reachable on the machines dockopt's end-to-end tests run on, yet the Python
example still runs `pip install -r requirements.txt`. This script turns Debian bookworm's
packaged Python libraries into wheels and lays them out as an index that
`python3 -m http.server` can serve (see serve.sh):

    OUT/packages/<wheel files>
    OUT/simple/index.html
    OUT/simple/<normalized-name>/index.html   (links with #sha256= fragments)
    OUT/AVAILABLE.txt                          (what is served, name==version)

A wheel is a zip of the package's files plus a .dist-info directory (METADATA, WHEEL,
entry_points.txt, RECORD). The files come from `apt-get download`ed .debs unpacked with
`dpkg-deb -x`. Packages without compiled code get the `py3-none-any` tag; packages with a
C extension (psycopg2, PyYAML) get `cp311-cp311-linux_x86_64` and need the shared libraries
Debian's package depends on at run time (psycopg2: libpq5), as a locally built wheel would.

Debian removes the base requirements from the packages' metadata (dpkg tracks them
instead), so the real upstream requirements are put back from the table below; where
Debian ships versions that upstream's pins exclude but that Debian runs together, the pin is
relaxed (fastapi 0.92 with starlette 0.26). Extras naming packages that are not served are
trimmed to what is served.

pip, setuptools and wheel are Debian's own wheels (python3-pip-whl, python3-setuptools-whl,
python3-wheel-whl, from /usr/share/python-wheels), needed for `pip install --upgrade pip` and
for builds from source.

Usage: debwheels.py OUT_DIR  (needs apt-get and dpkg-deb; output is deterministic)
"""

import base64
import hashlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

# Debian binary package -> upstream metadata fixes.
#   requires: base requirements Debian stripped (from the upstream release's metadata)
#   replace:  requirement name -> replacement requirement (relaxed pins)
#   extras:   extra -> requirements (replaces that extra's list)
#   drop:     requirement names removed (not packaged in Debian, and not needed to run)
LIBRARIES = {
    "python3-fastapi": {"replace": {"starlette": "starlette<0.27.0,>=0.25.0"}},
    "python3-starlette": {},
    "python3-pydantic": {"requires": ["typing-extensions>=4.2.0"]},
    "python3-typing-extensions": {},
    "python3-anyio": {"requires": ["idna>=2.8", "sniffio>=1.1"]},
    "python3-idna": {},
    "python3-sniffio": {},
    "python3-uvicorn": {
        "requires": ["asgiref>=3.4.0", "click>=7.0", "h11>=0.8"],
        "extras": {"standard": ["PyYAML>=5.1", "python-dotenv>=0.13", "websockets>=10.0"]},
    },
    "python3-asgiref": {},
    "python3-click": {},
    # click requires colorama on Windows: a lock (poetry lock, uv lock) resolves every
    # platform's requirements, so the index must serve it
    "python3-colorama": {},
    "python3-h11": {},
    "python3-wsproto": {"requires": ["h11<1,>=0.9.0"]},
    "python3-websockets": {},
    "python3-dotenv": {"extras": {"cli": ["click>=5.0"]}},
    "python3-yaml": {},
    "python3-psycopg2": {},
    # Flask, Django, gunicorn, SQLAlchemy, redis, httpx, requests and what they need, for the
    # real-world services under testdata/realworld/ (requirements from each upstream release).
    "python3-flask": {
        "requires": ["Werkzeug>=2.2.2", "Jinja2>=3.0", "itsdangerous>=2.0", "click>=8.0"],
        "extras": {"async": ["asgiref>=3.2"], "dotenv": ["python-dotenv"]},
    },
    "python3-werkzeug": {"requires": ["MarkupSafe>=2.1.1"], "extras": {"watchdog": ["watchdog"]}},
    "python3-jinja2": {"requires": ["MarkupSafe>=2.0"]},
    "python3-itsdangerous": {},
    "python3-markupsafe": {},
    "python3-blinker": {},
    "python3-gunicorn": {"requires": ["setuptools>=3.0"]},
    "python3-redis": {"requires": ["deprecated>=1.2.3", "packaging>=20.4", "async-timeout>=4.0.2"]},
    "python3-deprecated": {"requires": ["wrapt<2,>=1.10"]},
    "python3-wrapt": {},
    "python3-packaging": {},
    "python3-async-timeout": {},
    "python3-django": {"requires": ["asgiref<4,>=3.3.2", "pytz", "sqlparse>=0.2.2"]},
    "python3-sqlparse": {},
    "python3-tz": {},
    "python3-sqlalchemy": {
        "requires": ['greenlet!=0.4.17; python_version >= "3" and (platform_machine == "aarch64" or (platform_machine == "ppc64le" or (platform_machine == "x86_64" or (platform_machine == "amd64" or (platform_machine == "AMD64" or (platform_machine == "win32" or platform_machine == "WIN32"))))))']
    },
    "python3-greenlet": {},
    "python3-httpx": {
        "requires": ["certifi", "httpcore<0.17.0,>=0.15.0", "rfc3986[idna2008]<2,>=1.3", "sniffio"]
    },
    "python3-httpcore": {"requires": ["anyio<5.0,>=3.0", "certifi", "h11<0.15,>=0.13", "sniffio==1.*"]},
    "python3-certifi": {},
    "python3-rfc3986": {"extras": {"idna2008": ["idna"]}},
    "python3-requests": {
        "requires": ["charset-normalizer<4,>=2", "idna<4,>=2.5", "urllib3<1.27,>=1.21.1", "certifi>=2017.4.17"]
    },
    # Debian's urllib3 imports the system six instead of its vendored copy
    "python3-urllib3": {"requires": ["six"]},
    "python3-six": {},
    "python3-charset-normalizer": {},
    "python3-watchdog": {"extras": {"watchmedo": ["PyYAML>=3.10"]}},
    # python-decouple (no requirements), for testdata/realworld/flask-whoami (poetry)
    "python3-decouple": {},
    # poetry 1.3.2 (Debian's python3-poetry) and poetry-core 1.4.0, for `pip install poetry` in a
    # builder stage (testdata/realworld/poetry-*). Debian's poetry runs with dulwich 0.21 and
    # without poetry-plugin-export (not packaged in bookworm: `poetry export` is missing), and
    # keyring without SecretStorage/jeepney (keyring skips the Secret Service backend when
    # secretstorage does not import).
    "python3-poetry": {
        "replace": {"dulwich": "dulwich<0.22.0,>=0.20.46"},
        "drop": ["poetry-plugin-export"],
    },
    "python3-poetry-core": {},
    "python3-cachecontrol": {"requires": ["requests>=2.16.0", "msgpack>=0.5.2"]},
    "python3-msgpack": {},
    "python3-cleo": {},
    "python3-pylev": {},
    "python3-crashtest": {},
    "python3-dulwich": {"requires": ["urllib3>=1.25"]},
    "python3-filelock": {},
    "python3-html5lib": {"requires": ["six>=1.9", "webencodings"]},
    "python3-webencodings": {},
    "python3-jsonschema": {},
    "python3-attr": {},
    "python3-pyrsistent": {},
    "python3-keyring": {"drop": ["SecretStorage", "jeepney"]},
    "python3-jaraco.classes": {"requires": ["more-itertools"]},
    "python3-more-itertools": {},
    "python3-lockfile": {},
    "python3-pexpect": {"requires": ["ptyprocess>=0.5"]},
    "python3-ptyprocess": {},
    "python3-pkginfo": {},
    "python3-platformdirs": {},
    "python3-requests-toolbelt": {"requires": ["requests<3.0.0,>=2.0.1"]},
    "python3-shellingham": {},
    "python3-tomlkit": {},
    "python3-trove-classifiers": {},
    "python3-virtualenv": {},
    "python3-distlib": {},
}
# Debian packages that ship ready-made wheels in /usr/share/python-wheels.
WHEEL_PACKAGES = ["python3-pip-whl", "python3-setuptools-whl", "python3-wheel-whl"]

SITE = "usr/lib/python3/dist-packages"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def normalize(name):
    """PEP 503 project name normalization."""
    return re.sub(r"[-_.]+", "-", name).lower()


def escape(name):
    """Wheel file/dist-info name component."""
    return re.sub(r"[-_.]+", "_", name)


def req_name(req):
    return normalize(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req).group(1))


def download(pkgs, dest):
    os.makedirs(dest, exist_ok=True)
    missing = [p for p in pkgs if not any(f.startswith(p + "_") for f in os.listdir(dest))]
    if missing:
        subprocess.run(["apt-get", "-o", "APT::Sandbox::User=root", "download", "-q"] + missing,
                       cwd=dest, check=True, stdout=subprocess.DEVNULL)
    debs = {}
    for f in sorted(os.listdir(dest)):
        if f.endswith(".deb"):
            debs[f.split("_", 1)[0]] = os.path.join(dest, f)
    return debs


def deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", deb, field], check=True, capture_output=True,
                          text=True).stdout.strip()


def parse_requires_txt(text):
    """setuptools requires.txt -> list of PEP 508 strings (with extra markers)."""
    out, extra, marker = [], "", ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^\[([^:\]]*)(?::(.*))?\]$", line)
        if m:
            extra, marker = m.group(1).strip(), (m.group(2) or "").strip()
            continue
        conds = []
        if marker:
            conds.append("(%s)" % marker if extra else marker)
        if extra:
            conds.append('extra == "%s"' % extra)
        out.append(line + ("; " + " and ".join(conds) if conds else ""))
    return out


def split_metadata(text):
    head, sep, body = text.partition("\n\n")
    lines = []
    for line in head.splitlines():
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += "\n" + line
        else:
            lines.append(line)
    return lines, body


def field(lines, name):
    for line in lines:
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def build_metadata(meta_text, requires, fixes):
    lines, body = split_metadata(meta_text)
    extras = {}
    base = []
    for line in lines:
        if line.startswith("Requires-Dist:"):
            requires.append(line.split(":", 1)[1].strip())
    lines = [l for l in lines if not l.startswith(("Requires-Dist:", "Provides-Extra:"))]
    for req in requires:
        m = re.search(r"""extra\s*==\s*['"]([^'"]+)['"]""", req)
        if m:
            extras.setdefault(m.group(1), []).append(req)
        else:
            base.append(req)
    have = {req_name(r.split(";")[0]) for r in base}
    base += [r for r in fixes.get("requires", []) if req_name(r) not in have]
    for old, new in fixes.get("replace", {}).items():
        base = [new if req_name(r.split(";")[0]) == normalize(old) else r for r in base]
    drop = {normalize(n) for n in fixes.get("drop", [])}
    base = [r for r in base if req_name(r.split(";")[0]) not in drop]
    for extra, reqs in fixes.get("extras", {}).items():
        extras[extra] = ['%s; extra == "%s"' % (r, extra) for r in reqs]
    # Metadata-Version 2.1 is what pip 23 expects from these fields.
    lines = [("Metadata-Version: 2.1" if l.startswith("Metadata-Version:") else l) for l in lines]
    lines += ["Requires-Dist: " + r for r in base]
    for extra in sorted(extras):
        lines.append("Provides-Extra: " + extra)
        lines += ["Requires-Dist: " + r for r in extras[extra]]
    return "\n".join(lines) + "\n\n" + body


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_wheel(path, files):
    """files: list of (arcname, bytes, mode). Appends RECORD; deterministic."""
    distinfo = next(a.split("/")[0] for a, _, _ in files if a.split("/")[0].endswith(".dist-info"))
    record = io.StringIO()
    for arc, data, _ in files:
        record.write("%s,%s,%d\n" % (arc, record_hash(data), len(data)))
    record.write("%s/RECORD,,\n" % distinfo)
    files = files + [(distinfo + "/RECORD", record.getvalue().encode(), 0o644)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data, mode in files:
            info = zipfile.ZipInfo(arc, ZIP_DATE)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def wheel_from_deb(pkg, deb, fixes, outdir):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        site = os.path.join(tmp, SITE)
        entries = sorted(os.listdir(site))
        metas = [e for e in entries if e.endswith((".dist-info", ".egg-info"))]
        if len(metas) != 1:
            raise SystemExit("%s: expected one .dist-info/.egg-info, found %s" % (pkg, metas))
        meta_dir = os.path.join(site, metas[0])
        extra_meta = {}
        if os.path.isfile(meta_dir):  # an egg-info file (pexpect): PKG-INFO alone
            meta_text = open(meta_dir, encoding="utf-8").read()
            requires = []
        elif metas[0].endswith(".dist-info"):
            meta_text = open(os.path.join(meta_dir, "METADATA"), encoding="utf-8").read()
            requires = []
        else:
            meta_text = open(os.path.join(meta_dir, "PKG-INFO"), encoding="utf-8").read()
            rt = os.path.join(meta_dir, "requires.txt")
            requires = parse_requires_txt(open(rt).read()) if os.path.exists(rt) else []
        for name in ("entry_points.txt", "top_level.txt"):
            p = os.path.join(meta_dir, name)
            if os.path.exists(p):
                extra_meta[name] = open(p, "rb").read()
        lines, _ = split_metadata(meta_text)
        name, version = field(lines, "Name"), field(lines, "Version")
        metadata = build_metadata(meta_text, requires, fixes)

        payload = []
        for entry in entries:
            if entry == metas[0]:
                continue
            top = os.path.join(site, entry)
            walk = [(top, [], [])] if os.path.isfile(top) else os.walk(top)
            for dirpath, dirnames, filenames in walk:
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                names = [""] if os.path.isfile(dirpath) else sorted(filenames)
                for fn in names:
                    full = os.path.join(dirpath, fn) if fn else dirpath
                    while os.path.islink(full):  # Debian links some files into /usr/share
                        target = os.readlink(full)
                        full = (os.path.join(tmp, target.lstrip("/")) if os.path.isabs(target)
                                else os.path.join(os.path.dirname(full), target))
                    arc = os.path.relpath(os.path.join(dirpath, fn) if fn else dirpath, site)
                    if not os.path.exists(full):
                        # a link into another Debian package (werkzeug's debugger links
                        # libjs-jquery's jquery.js): left out, as that package is not unpacked
                        print("%s: left out %s (links outside the package)" % (pkg, arc))
                        continue
                    mode = 0o755 if os.stat(full).st_mode & 0o111 else 0o644
                    payload.append((arc, open(full, "rb").read(), mode))
        native = any(re.search(r"\.so(\.|$)", arc) for arc, _, _ in payload)
        if native:
            abi = [arc for arc, _, _ in payload if ".cpython-" in arc]
            if abi and not all("cpython-311-x86_64-linux-gnu" in a for a in abi):
                raise SystemExit("%s: extension not built for CPython 3.11 x86_64: %s" % (pkg, abi))
            tag = "cp311-cp311-linux_x86_64"
        else:
            tag = "py3-none-any"
        distinfo = "%s-%s.dist-info" % (escape(name), version)
        wheel_meta = ("Wheel-Version: 1.0\nGenerator: dockopt-debwheels (from Debian %s %s)\n"
                      "Root-Is-Purelib: %s\nTag: %s\n") % (
            pkg, deb_field(deb, "Version"), "false" if native else "true", tag)
        files = payload + [(distinfo + "/METADATA", metadata.encode(), 0o644),
                           (distinfo + "/WHEEL", wheel_meta.encode(), 0o644)]
        files += [(distinfo + "/" + n, d, 0o644) for n, d in sorted(extra_meta.items())]
        filename = "%s-%s-%s.whl" % (escape(name), version, tag)
        write_wheel(os.path.join(outdir, filename), files)
        requires_python = field(split_metadata(metadata)[0], "Requires-Python")
        return name, version, filename, requires_python, deb_field(deb, "Version")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = os.path.abspath(sys.argv[1])
    debdir = os.path.join(out, "debs")
    pkgdir = os.path.join(out, "packages")
    debs = download(list(LIBRARIES) + WHEEL_PACKAGES, debdir)
    shutil.rmtree(pkgdir, ignore_errors=True)
    shutil.rmtree(os.path.join(out, "simple"), ignore_errors=True)
    os.makedirs(pkgdir)
    served = []  # (name, version, filename, requires_python, debian package, debian version)
    for pkg, fixes in LIBRARIES.items():
        name, version, fn, rp, debver = wheel_from_deb(pkg, debs[pkg], fixes, pkgdir)
        served.append((name, version, fn, rp, pkg, debver))
    for pkg in WHEEL_PACKAGES:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["dpkg-deb", "-x", debs[pkg], tmp], check=True)
            wdir = os.path.join(tmp, "usr/share/python-wheels")
            for fn in sorted(os.listdir(wdir)):
                shutil.copy(os.path.join(wdir, fn), pkgdir)
                name, version = fn.split("-")[:2]
                served.append((name, version, fn, None, pkg, deb_field(debs[pkg], "Version")))

    served.sort(key=lambda s: normalize(s[0]))
    simple = os.path.join(out, "simple")
    os.makedirs(simple)
    root = ["<!DOCTYPE html>\n<html><body>\n"]
    for name, version, fn, rp, _, _ in served:
        proj = normalize(name)
        os.makedirs(os.path.join(simple, proj))
        digest = hashlib.sha256(open(os.path.join(pkgdir, fn), "rb").read()).hexdigest()
        attr = ' data-requires-python="%s"' % html.escape(rp) if rp else ""
        with open(os.path.join(simple, proj, "index.html"), "w") as f:
            f.write("<!DOCTYPE html>\n<html><body>\n<a href=\"../../packages/%s#sha256=%s\"%s>%s</a>\n"
                    "</body></html>\n" % (fn, digest, attr, fn))
        root.append('<a href="%s/">%s</a>\n' % (proj, proj))
    with open(os.path.join(simple, "index.html"), "w") as f:
        f.write("".join(root) + "</body></html>\n")
    with open(os.path.join(out, "AVAILABLE.txt"), "w") as f:
        f.write(available_text(served))
    print("built %d wheels into %s" % (len(served), pkgdir))


def available_text(served):
    lines = [
        "# Served offline by testdata/bases/pyindex (serve.sh) at http://127.0.0.1:3141/simple/",
        "# for docker builds with --network host; the local python:3.11* base images' /etc/pip.conf",
        "# points there. Wheels made from Debian bookworm's packages (generated by debwheels.py;",
        "# do not edit by hand). Pin requirements.txt to these exact versions. Tags: py3-none-any",
        "# unless noted; cp311 wheels are linked against Debian's shared libraries (see notes).",
        "#",
        "# name==version    wheel tag    from Debian package (version)",
    ]
    notes = {
        "psycopg2": "needs libpq5 at run time (apt-get install libpq5)",
        "pyyaml": "C speedups need libyaml-0-2, pure-Python fallback without it",
        "uvicorn": "extra [standard] = websockets, python-dotenv, PyYAML (no uvloop/httptools/watchgod)",
        "markupsafe": "C speedups, pure-Python fallback",
        "greenlet": "C extension, needs only libc/libstdc++ (in every Debian image)",
        "sqlalchemy": "pure Python (Debian ships the C extensions apart); greenlet for asyncio",
        "wrapt": "C extension, pure-Python fallback",
        "certifi": "Debian's: uses the system CA bundle (/etc/ssl/certs/ca-certificates.crt, package ca-certificates)",
    }
    for name, version, fn, _, pkg, debver in served:
        tag = fn[:-4].split("-", 2)[2]
        note = notes.get(normalize(name), "")
        lines.append("%-28s %-26s %s (%s)%s" % ("%s==%s" % (name, version), tag, pkg, debver,
                                               "  # " + note if note else ""))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
