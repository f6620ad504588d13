// Package imagescan reads a container image layer by layer and reports what it is made of:
// each layer's sizes, the instruction that made it and the files it added, changed or
// removed; the bytes wasted on files that a later layer overwrites or deletes; package
// manager caches, compilers, setuid/setgid and world-writable files, files that look like
// secrets (paths only, never contents); and the image config's user, HEALTHCHECK and ENV.
//
// Images come from the Docker daemon, a `docker save` tarball or an OCI image layout (see
// Open), all read with github.com/google/go-containerregistry. The package returns plain
// structs with units in the field names; it knows nothing about text, JSON or SARIF output.
//
// # How dockopt counts wasted bytes
//
// A layer is a tar stream applied on top of the layers below it. When a layer writes a path
// that a lower layer already holds (an overwrite, a chmod/chown that copies the file up, or a
// regular file replacing a directory), or deletes it (a whiteout `.wh.NAME`, or an opaque
// directory marker `.wh..wh..opq` that hides everything a lower layer had in that
// directory), the lower copy can no longer be seen in the container, but it is still
// downloaded and stored. dockopt counts the size of every such hidden copy once, and never
// the copy that stays visible. A path overwritten three times wastes the sizes of its first
// three copies; the fourth is the file. A file and its hard links in the same layer share one
// copy of the bytes: they are wasted only when the last of those paths is hidden.
//
// Worked example, three layers:
//
//	layer 0: /app/data.bin 100 bytes, /app/tmp.log 40 bytes
//	layer 1: /app/data.bin 30 bytes                  (overwrites the 100-byte copy)
//	layer 2: /app/.wh.tmp.log                         (deletes the 40-byte file)
//
// dockopt: WastedBytes = 100 + 40 = 140. ContentSizeBytes (every regular file in every
// layer) = 100 + 40 + 30 = 170, so Efficiency = 1 - 140/170 = 0.1765 (rounded). dive counts
// every copy of a path that appears in more than one layer, the kept one included, and would
// report 100 + 30 + 40 = 170 wasted bytes for the same image.
//
// Efficiency is defined as 1 - WastedBytes/ContentSizeBytes (1 for an image with no file
// content): the share of the file bytes shipped in the layers that the running container
// can actually see. Sizes are tar header sizes of regular files; directories, symlinks,
// hard links and whiteouts count 0.
package imagescan

import "time"

// SourceKind says where an image was read from.
type SourceKind string

const (
	// FromDaemon is an image read from the Docker engine (`docker save` by the docker CLI).
	FromDaemon SourceKind = "daemon"
	// FromTarball is a `docker save` tarball.
	FromTarball SourceKind = "tarball"
	// FromLayout is an OCI image layout directory.
	FromLayout SourceKind = "oci-layout"
)

// Report is everything Scan found in one image.
type Report struct {
	// Source and Reference say what was read: the daemon image name, or the path.
	Source    SourceKind `json:"source"`
	Reference string     `json:"reference"`
	// Tag is the image tag selected in a multi-image tarball or layout ("" when none).
	Tag string `json:"tag,omitempty"`
	// ImageID is the digest of the image config (what `docker images` shows as IMAGE ID).
	ImageID      string    `json:"image_id"`
	OS           string    `json:"os"`
	Architecture string    `json:"architecture"`
	Variant      string    `json:"variant,omitempty"`
	Created      time.Time `json:"created"`
	Config       Config    `json:"config"`

	// UncompressedSizeBytes is the sum of the layers' uncompressed tar streams.
	UncompressedSizeBytes int64 `json:"uncompressed_size_bytes"`
	// CompressedSizeBytes is the sum of the layers' compressed blob sizes.
	CompressedSizeBytes int64 `json:"compressed_size_bytes"`
	// CompressedSizeEstimated is true when the source stores layers uncompressed (a
	// `docker save` from a classic store) and compressed sizes were measured by gzipping
	// each layer at the default level, as a push would.
	CompressedSizeEstimated bool `json:"compressed_size_estimated"`
	// ContentSizeBytes is the sum of the sizes of all regular files in all layers.
	ContentSizeBytes int64 `json:"content_size_bytes"`
	// WastedBytes is the size of file copies hidden by a later layer, each counted once
	// (see the package doc).
	WastedBytes int64 `json:"wasted_bytes"`
	// Efficiency is 1 - WastedBytes/ContentSizeBytes (1 when there is no content).
	Efficiency float64 `json:"efficiency"`
	// HistoryMatched is false when the config history's non-empty entries do not match the
	// layers one to one (then Layer.Instruction is filled in order as far as it goes).
	HistoryMatched bool `json:"history_matched"`

	Layers []Layer `json:"layers"`
	// Wasted lists every hidden file copy, largest first.
	Wasted []WastedFile `json:"wasted"`

	Caches        []Cache       `json:"caches"`
	BuildTools    []BuildTool   `json:"build_tools"`
	SetuidFiles   []SpecialFile `json:"setuid_files"`
	WorldWritable []SpecialFile `json:"world_writable"`
	SecretFiles   []SecretFile  `json:"secret_files"`
	EnvSecrets    []EnvSecret   `json:"env_secrets"`
	// ArgSecrets are build arguments recorded in the history whose name or value looks like
	// a secret (values redacted in the layers' created_by).
	ArgSecrets []ArgSecret `json:"build_arg_secrets"`
	// RunsAsRoot is true when the config's User is empty, root or 0 (CIS 4.1).
	RunsAsRoot bool `json:"runs_as_root"`
	// NoHealthcheck is true when the config has no HEALTHCHECK or disables it (NONE).
	NoHealthcheck bool `json:"no_healthcheck"`
}

// Config is the part of the image config a reader of the report needs. Env values are not
// kept: only the names.
type Config struct {
	User         string   `json:"user"`
	Entrypoint   []string `json:"entrypoint,omitempty"`
	Cmd          []string `json:"cmd,omitempty"`
	WorkingDir   string   `json:"working_dir,omitempty"`
	ExposedPorts []string `json:"exposed_ports,omitempty"`
	Healthcheck  []string `json:"healthcheck,omitempty"`
	EnvNames     []string `json:"env_names,omitempty"`
}

// Layer is one filesystem layer.
type Layer struct {
	Index int `json:"index"`
	// Digest is the compressed blob's digest ("" when not computed); DiffID the
	// uncompressed tar's.
	Digest    string `json:"digest,omitempty"`
	DiffID    string `json:"diff_id"`
	MediaType string `json:"media_type,omitempty"`
	// CompressedSizeBytes is the blob size (estimated by gzip when stored uncompressed).
	CompressedSizeBytes int64 `json:"compressed_size_bytes"`
	// UncompressedSizeBytes is the length of the uncompressed tar stream.
	UncompressedSizeBytes int64 `json:"uncompressed_size_bytes"`
	// ContentSizeBytes is the sum of the sizes of the regular files in this layer.
	ContentSizeBytes int64 `json:"content_size_bytes"`
	// Instruction is the Dockerfile instruction that made the layer as history records it,
	// cleaned up ("RUN apt-get update", "COPY . /app"); "" when the history does not say.
	Instruction string `json:"instruction"`
	// CreatedBy is the raw history entry; Comment its comment (e.g. buildkit.dockerfile.v0).
	CreatedBy string `json:"created_by,omitempty"`
	Comment   string `json:"comment,omitempty"`
	// FilesAdded, FilesChanged and FilesRemoved count non-directory entries: new paths,
	// paths that replace a lower layer's, and lower-layer paths this layer deletes.
	FilesAdded   int `json:"files_added"`
	FilesChanged int `json:"files_changed"`
	FilesRemoved int `json:"files_removed"`
	// HiddenBytes is the size of the lower-layer file copies this layer overwrites or
	// deletes: its share of the image's WastedBytes.
	HiddenBytes int64 `json:"hidden_bytes"`
	// Changes lists the non-directory paths this layer added, changed or removed.
	Changes []FileChange `json:"changes,omitempty"`
}

// ChangeKind says what a layer did to a path.
type ChangeKind string

const (
	Added   ChangeKind = "added"
	Changed ChangeKind = "changed"
	Removed ChangeKind = "removed"
)

// FileChange is one path a layer added, changed or removed.
type FileChange struct {
	Path string     `json:"path"`
	Kind ChangeKind `json:"kind"`
	// SizeBytes is the new size (added, changed) or the size of the removed copy.
	SizeBytes int64 `json:"size_bytes"`
}

// WastedFile is a copy of a file that a later layer hides.
type WastedFile struct {
	Path      string `json:"path"`
	SizeBytes int64  `json:"size_bytes"`
	// Layer added this copy; HiddenByLayer overwrote or deleted it.
	Layer         int  `json:"layer"`
	HiddenByLayer int  `json:"hidden_by_layer"`
	Deleted       bool `json:"deleted"`
}

// Cache is a package-manager or build cache left in the final filesystem.
type Cache struct {
	// Kind is a package manager's cache kind (pkgmgr's data: apt-lists, apt-cache, apk-cache,
	// dnf-cache, pip-cache, npm-cache, yarn-cache, pnpm-store, go-build-cache, go-mod-cache,
	// cargo-registry...) or pycache.
	Kind      string `json:"kind"`
	SizeBytes int64  `json:"size_bytes"`
	FileCount int    `json:"file_count"`
	// Paths are the cache directories (at most MaxListedPaths; PathCount has them all).
	Paths     []string `json:"paths"`
	PathCount int      `json:"path_count"`
}

// MaxListedPaths bounds the Paths of a Cache (there may be thousands of __pycache__).
const MaxListedPaths = 20

// BuildTool is a compiler or build tool present in the final filesystem.
type BuildTool struct {
	// Name is gcc, g++, clang, gfortran, make, cmake, ninja, go, rustc, cargo or javac.
	Name  string   `json:"name"`
	Paths []string `json:"paths"`
}

// SpecialFile is a file with notable permissions.
type SpecialFile struct {
	Path string `json:"path"`
	// Mode is the permission bits with setuid/setgid/sticky, e.g. 04755.
	Mode  int64 `json:"mode"`
	UID   int   `json:"uid"`
	GID   int   `json:"gid"`
	Layer int   `json:"layer"`
	IsDir bool  `json:"is_dir,omitempty"`
}

// SecretFile is a file that looks like a secret. Its contents are never kept.
type SecretFile struct {
	Path string `json:"path"`
	// Kind is private-key, ssh-private-key, dotenv, git-credentials, netrc, npm-token,
	// pypi-credentials, aws-credentials, docker-credentials, pgpass or keystore.
	Kind  string `json:"kind"`
	Layer int    `json:"layer"`
	// RemovedInLayer is the layer that overwrote or deleted the file, or -1 when it is in
	// the final filesystem. A removed secret is still readable from its layer's blob.
	RemovedInLayer int `json:"removed_in_layer"`
}

// ArgSecret is a build argument that a RUN recorded in the image history (as BuildKit and
// the classic builder do for the ARGs a RUN sees) whose name or value looks like a secret.
// The value is never kept.
type ArgSecret struct {
	Name string `json:"name"`
	// Reason: as for EnvSecret.
	Reason string `json:"reason"`
	// Layer is the index of the layer whose history entry records it.
	Layer int `json:"layer"`
}

// EnvSecret is an ENV entry of the config whose name or value looks like a secret. The value
// is never kept.
type EnvSecret struct {
	Name string `json:"name"`
	// Reason says why: "name" (the name says password/token/...) or the kind of value
	// (aws-access-key, github-token, private-key, url-credentials...).
	Reason string `json:"reason"`
}
