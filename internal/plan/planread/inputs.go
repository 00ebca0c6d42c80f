package planread

import "github.com/insurance/hybridcloud/internal/plan"

// String reads a string input; "" when absent or unknown until apply.
func String(m map[string]any, key string) string {
	s, ok := m[key].(string)
	if !ok || s == plan.UnknownValue {
		return ""
	}
	return s
}

// Number reads a numeric input.
func Number(m map[string]any, key string) (float64, bool) {
	v, ok := m[key].(float64)
	return v, ok
}

// Bool reads a boolean input; false when absent.
func Bool(m map[string]any, key string) bool {
	v, ok := m[key].(bool)
	return ok && v
}

// List reads a list input.
func List(m map[string]any, key string) []any {
	v, _ := m[key].([]any)
	return v
}

// Object reads an object input.
func Object(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}
