#pragma once
// The CLI's `launch` command: starts local workers of a data-parallel `finetune train`.

namespace ft::cli {

// argv as main() received it ("finetune", "launch", ...). Returns the process exit code: 0 when every
// worker succeeded, else the first failed worker's code (130 after Ctrl-C).
int cmdLaunch(int argc, char** argv);

}  // namespace ft::cli
