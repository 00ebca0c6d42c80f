// Package config loads the stack configuration once, validates all of it before any resource is declared,
// and hands the components typed values. Components never read configuration themselves.
//
// Every key is structured (a JSON object per concern) and decoded strictly: an unknown field is a typo and
// an error. Validation reports every problem at once, each naming its key (hybridcloud:network.cidr) and
// what is wrong with it.
package config
