package spec

import (
	"fmt"
	"strings"
)

// FileAccess is what a service may do with the file bucket.
type FileAccess string

// File access levels.
const (
	// FilesNone grants nothing on the bucket.
	FilesNone FileAccess = "none"
	// FilesRead grants listing and reading objects, and decrypting them.
	FilesRead FileAccess = "read"
	// FilesWrite adds writing objects, and encrypting them; never deleting (versioning keeps what a write
	// replaces).
	FilesWrite FileAccess = "write"
)

// Check accepts exactly the levels above.
func (f FileAccess) Check() error {
	switch f {
	case FilesNone, FilesRead, FilesWrite:
		return nil
	default:
		return fmt.Errorf("unknown file access %q (want %q, %q or %q)", string(f), FilesNone, FilesRead, FilesWrite)
	}
}

// Grants says whether the level lets a service reach the bucket at all, and whether it may write.
func (f FileAccess) Grants() (reach, write bool, err error) {
	switch f {
	case FilesNone:
		return false, false, nil
	case FilesRead:
		return true, false, nil
	case FilesWrite:
		return true, true, nil
	default:
		return false, false, f.Check()
	}
}

// CheckFilesPrefix checks a service's prefix of the file bucket: required (a key prefix ending in "/", not
// starting with one) when the service reaches the bucket, so no service reaches all of it; refused without
// access.
func CheckFilesPrefix(f FileAccess, prefix string) error {
	reach, _, err := f.Grants()
	switch {
	case err != nil:
		return nil // Check reports the level
	case !reach && prefix != "":
		return fmt.Errorf("%q is set, but the service has no file access", prefix)
	case !reach:
		return nil
	case prefix == "" || strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") || strings.ContainsAny(prefix, "*?"):
		return fmt.Errorf("%q: want the key prefix the service reaches, ending in / (claims/), without wildcards or a leading /", prefix)
	}
	return nil
}
