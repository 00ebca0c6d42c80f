package rules

import "encoding/json"

// container is what the ECS rules read of one container definition.
type container struct {
	Name        string `json:"name"`
	Privileged  bool   `json:"privileged"`
	Environment []struct {
		Name string `json:"name"`
	} `json:"environment"`
	LogConfiguration *struct {
		LogDriver string `json:"logDriver"`
	} `json:"logConfiguration"`
}

// containers decodes a task definition's containerDefinitions (a JSON string). ok is false when they
// could not be read; the reason is already recorded in f.
func containers(r Resource, f *Findings) (defs []container, ok bool) {
	doc, known := text(r.Get("containerDefinitions"))
	if !known {
		f.Unknown(r, "containerDefinitions")
		return nil, false
	}
	if err := json.Unmarshal([]byte(doc), &defs); err != nil {
		f.Fail(r, "containerDefinitions is not a JSON array of containers: %v", err)
		return nil, false
	}
	return defs, true
}
