package spec

import "fmt"

// FileAccess is what a service may do with the file bucket.
type FileAccess string

// File access levels.
const (
	// FilesNone grants nothing on the bucket.
	FilesNone FileAccess = "none"
	// FilesRead grants listing and reading objects, and decrypting them.
	FilesRead FileAccess = "read"
	// FilesWrite adds writing and deleting objects, and encrypting them.
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
