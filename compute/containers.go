package compute

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/insurance/hybridcloud/compute/spec"
)

// tmpVolume is a task-scoped scratch volume mounted on /tmp, so a read-only root file system still leaves
// applications somewhere to write temporary files.
const tmpVolume = "tmp"

// containerRuntime are the values of a container definition known only once other resources exist.
type containerRuntime struct {
	// Image is the image reference to run.
	Image string
	// LogGroup and Region are where the awslogs driver writes.
	LogGroup, Region string
	// Database is where the service connects and as whom; nil unless the service has Database.
	Database *databaseConnection
}

// databaseConnection is a service's database endpoint and its own login role.
type databaseConnection struct {
	Host, Name, User string
	Port             int
}

type keyValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type secretRef struct {
	Name      string `json:"name"`
	ValueFrom string `json:"valueFrom"`
}

type portMapping struct {
	ContainerPort int    `json:"containerPort"`
	HostPort      int    `json:"hostPort"`
	Protocol      string `json:"protocol"`
}

type logConfiguration struct {
	LogDriver string            `json:"logDriver"`
	Options   map[string]string `json:"options"`
}

type mountPoint struct {
	SourceVolume  string `json:"sourceVolume"`
	ContainerPath string `json:"containerPath"`
	ReadOnly      bool   `json:"readOnly"`
}

type linuxParameters struct {
	InitProcessEnabled bool `json:"initProcessEnabled"`
}

type containerDefinition struct {
	Name                   string           `json:"name"`
	Image                  string           `json:"image"`
	Essential              bool             `json:"essential"`
	CPU                    int              `json:"cpu"`
	Memory                 int              `json:"memory"`
	PortMappings           []portMapping    `json:"portMappings"`
	Environment            []keyValue       `json:"environment"`
	Secrets                []secretRef      `json:"secrets"`
	LogConfiguration       logConfiguration `json:"logConfiguration"`
	Privileged             bool             `json:"privileged"`
	ReadonlyRootFilesystem bool             `json:"readonlyRootFilesystem"`
	MountPoints            []mountPoint     `json:"mountPoints"`
	LinuxParameters        linuxParameters  `json:"linuxParameters"`
}

// containerDefinitions is the task definition's containerDefinitions document for s: one essential,
// unprivileged container logging to its own group, with secrets passed by reference only and the database
// reached as the service's own role.
func containerDefinitions(s namedService, rt containerRuntime) (string, error) {
	env := make([]keyValue, 0, len(s.Environment))
	for k, v := range s.Environment {
		env = append(env, keyValue{Name: k, Value: v})
	}
	if db := rt.Database; db != nil {
		// No credential: the application signs a 15-minute IAM token as its task role for each new
		// connection, so nothing it holds goes stale when a secret rotates.
		env = append(env,
			keyValue{Name: spec.DatabaseHostVar, Value: db.Host},
			keyValue{Name: spec.DatabasePortVar, Value: strconv.Itoa(db.Port)},
			keyValue{Name: spec.DatabaseNameVar, Value: db.Name},
			keyValue{Name: spec.DatabaseUserVar, Value: db.User},
		)
	}
	sort.Slice(env, func(i, j int) bool { return env[i].Name < env[j].Name })

	secrets := make([]secretRef, 0, len(s.Secrets))
	for k, v := range s.Secrets {
		secrets = append(secrets, secretRef{Name: k, ValueFrom: v})
	}
	sort.Slice(secrets, func(i, j int) bool { return secrets[i].Name < secrets[j].Name })

	def := containerDefinition{
		Name:      s.Name,
		Image:     rt.Image,
		Essential: true,
		CPU:       s.CPU,
		Memory:    s.MemoryMiB,
		// awsvpc requires the host port to equal the container port; on premises (bridge) it is the port
		// clients in the data centre connect to.
		PortMappings: []portMapping{{ContainerPort: s.Port, HostPort: s.Port, Protocol: "tcp"}},
		Environment:  env,
		Secrets:      secrets,
		LogConfiguration: logConfiguration{LogDriver: "awslogs", Options: map[string]string{
			"awslogs-group":         rt.LogGroup,
			"awslogs-region":        rt.Region,
			"awslogs-stream-prefix": s.Name,
		}},
		Privileged:             false,
		ReadonlyRootFilesystem: s.ReadonlyRoot(),
		MountPoints:            []mountPoint{{SourceVolume: tmpVolume, ContainerPath: "/tmp"}},
		// An init process reaps zombies and forwards signals, and ECS Exec sessions need it.
		LinuxParameters: linuxParameters{InitProcessEnabled: true},
	}
	b, err := json.Marshal([]containerDefinition{def})
	return string(b), err
}
