package optimize

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

// fakeImages are images as maps of path to contents (symbolic links: the same contents under
// both names, as ReadFile follows them).
type fakeImages map[string]map[string][]byte

func (f fakeImages) ReadFile(image, p string) ([]byte, error) {
	files, ok := f[image]
	if !ok {
		return nil, fmt.Errorf("no such image: %s", image)
	}
	data, ok := files[p]
	if !ok {
		return nil, fmt.Errorf("%s: %s: %w", image, p, fs.ErrNotExist)
	}
	return data, nil
}

// fakeELF writes a minimal ELF64 shared object with a .dynamic section naming its soname and
// the libraries it needs, which is what debug/elf's DynString reads.
func fakeELF(t *testing.T, machine elf.Machine, soname string, needed ...string) []byte {
	t.Helper()
	strtab := []byte{0}
	str := func(s string) uint64 {
		off := len(strtab)
		strtab = append(append(strtab, s...), 0)
		return uint64(off)
	}
	var dyn []elf.Dyn64
	for _, n := range needed {
		dyn = append(dyn, elf.Dyn64{Tag: int64(elf.DT_NEEDED), Val: str(n)})
	}
	if soname != "" {
		dyn = append(dyn, elf.Dyn64{Tag: int64(elf.DT_SONAME), Val: str(soname)})
	}
	dyn = append(dyn, elf.Dyn64{Tag: int64(elf.DT_NULL)})
	shstr := []byte("\x00.dynstr\x00.dynamic\x00.shstrtab\x00")
	var dynBytes bytes.Buffer
	binary.Write(&dynBytes, binary.LittleEndian, dyn)
	const hdr = 64
	strOff := uint64(hdr)
	dynOff := strOff + uint64(len(strtab))
	shstrOff := dynOff + uint64(dynBytes.Len())
	shOff := shstrOff + uint64(len(shstr))
	h := elf.Header64{Type: uint16(elf.ET_DYN), Machine: uint16(machine), Version: uint32(elf.EV_CURRENT),
		Shoff: shOff, Ehsize: hdr, Shentsize: 64, Shnum: 4, Shstrndx: 3}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS], h.Ident[elf.EI_DATA], h.Ident[elf.EI_VERSION] = byte(elf.ELFCLASS64), byte(elf.ELFDATA2LSB), byte(elf.EV_CURRENT)
	sections := []elf.Section64{
		{},
		{Name: 1, Type: uint32(elf.SHT_STRTAB), Off: strOff, Size: uint64(len(strtab)), Addralign: 1},
		{Name: 9, Type: uint32(elf.SHT_DYNAMIC), Off: dynOff, Size: uint64(dynBytes.Len()), Link: 1, Addralign: 8, Entsize: 16},
		{Name: 18, Type: uint32(elf.SHT_STRTAB), Off: shstrOff, Size: uint64(len(shstr)), Addralign: 1},
	}
	var out bytes.Buffer
	binary.Write(&out, binary.LittleEndian, h)
	out.Write(strtab)
	out.Write(dynBytes.Bytes())
	out.Write(shstr)
	binary.Write(&out, binary.LittleEndian, sections)
	return out.Bytes()
}

const triple = "/usr/lib/x86_64-linux-gnu/"

// libpqImages: a builder with Debian's libpq5 (libpq.so.5 -> libpq.so.5.15, needing libssl,
// libldap and the C library; libldap needing liblber) and a runtime with the C library and
// libssl only.
func libpqImages(t *testing.T) fakeImages {
	pq := fakeELF(t, elf.EM_X86_64, "libpq.so.5", "libssl.so.3", "libldap-2.5.so.0", "libc.so.6")
	return fakeImages{
		"python:3.11": {
			"/var/lib/dpkg/info/libpq5:amd64.list":    []byte("/.\n/usr\n/usr/lib\n/usr/lib/x86_64-linux-gnu\n" + triple + "libpq.so.5.15\n/usr/share/doc/libpq5/copyright\n/usr/share/locale/de/LC_MESSAGES/libpq5-15.mo\n" + triple + "libpq.so.5\n"),
			triple + "libpq.so.5.15":                  pq,
			triple + "libpq.so.5":                     pq,
			triple + "libldap-2.5.so.0":               fakeELF(t, elf.EM_X86_64, "libldap-2.5.so.0", "liblber-2.5.so.0", "libc.so.6"),
			triple + "liblber-2.5.so.0":               fakeELF(t, elf.EM_X86_64, "liblber-2.5.so.0", "libc.so.6"),
			triple + "libssl.so.3":                    fakeELF(t, elf.EM_X86_64, "libssl.so.3", "libc.so.6"),
			"/lib/x86_64-linux-gnu/libc.so.6":         fakeELF(t, elf.EM_X86_64, "libc.so.6"),
			"/var/lib/dpkg/info/libmagic1:amd64.list": []byte("/usr\n/usr/lib/x86_64-linux-gnu\n" + triple + "libmagic.so.1.0.0\n/usr/lib/file\n/usr/lib/file/magic.mgc\n"),
		},
		"gcr.io/distroless/python3-debian12:nonroot": {
			"/lib/x86_64-linux-gnu/libc.so.6": fakeELF(t, elf.EM_X86_64, "libc.so.6"),
			triple + "libssl.so.3":            fakeELF(t, elf.EM_X86_64, "libssl.so.3", "libc.so.6"),
		},
	}
}

func TestLibraryClosure(t *testing.T) {
	imgs := libpqImages(t)
	libs, err := libraryClosure(imgs, "python:3.11", "gcr.io/distroless/python3-debian12:nonroot", []string{"libpq5"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range libs {
		got = append(got, l.path)
	}
	// libpq itself (by its soname, once), and libldap and liblber, which the runtime lacks;
	// not libssl or the C library, which it has
	want := []string{triple + "liblber-2.5.so.0", triple + "libldap-2.5.so.0", triple + "libpq.so.5"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("closure %v, want %v", got, want)
	}
}

func TestLibraryClosureRefuses(t *testing.T) {
	imgs := libpqImages(t)
	// liblber is gone from the builder: libldap's need cannot be met
	delete(imgs["python:3.11"], triple+"liblber-2.5.so.0")
	for _, tc := range []struct {
		pkgs []string
		want string
	}{
		{[]string{"libpq5"}, "liblber-2.5.so.0, which libldap-2.5.so.0 needs, is in neither"},
		{[]string{"libmagic1"}, "installs files other than shared libraries (/usr/lib/file/magic.mgc)"},
		{[]string{"libxml2"}, "the package libxml2 is not installed in python:3.11"},
	} {
		_, err := libraryClosure(imgs, "python:3.11", "gcr.io/distroless/python3-debian12:nonroot", tc.pkgs)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one saying %q", tc.pkgs, err, tc.want)
		}
	}
	// an image that is not there stops the search with the reader's error
	_, err := libraryClosure(imgs, "python:3.12", "gcr.io/distroless/python3-debian12:nonroot", []string{"libpq5"})
	if err == nil || errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "no such image") {
		t.Errorf("missing builder image: %v", err)
	}
}

func TestIsSharedLib(t *testing.T) {
	for name, want := range map[string]bool{"libpq.so.5": true, "libpq.so.5.15": true, "libpq.so": false, "libpq.a": false, "pq.so.5": false, "libfoo.so.5.conf": false} {
		if isSharedLib(name) != want {
			t.Errorf("isSharedLib(%q) = %v, want %v", name, !want, want)
		}
	}
}
