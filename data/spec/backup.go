package spec

import "fmt"

// MinDaysInColdStorage is how long AWS Backup keeps a recovery point once it is moved to cold storage:
// it may not be deleted sooner.
const MinDaysInColdStorage = 90

// CheckColdStorage checks a recovery point's lifecycle: one moved to cold storage after
// coldStorageAfterDays (0: never moved) must stay there MinDaysInColdStorage days before it is deleted
// after retentionDays. It is the one rule config and the Backup component both apply.
func CheckColdStorage(retentionDays, coldStorageAfterDays int) error {
	if coldStorageAfterDays > 0 && retentionDays < coldStorageAfterDays+MinDaysInColdStorage {
		return fmt.Errorf("retention of %d days deletes sooner than %d days after the move to cold storage (coldStorageAfterDays %d + %d)",
			retentionDays, MinDaysInColdStorage, coldStorageAfterDays, MinDaysInColdStorage)
	}
	return nil
}
