#pragma once
// A job as a folder that runs anywhere `finetune` is installed: job.json plus scripts that start its
// data-parallel workers on this machine (`finetune launch`) or on a Slurm cluster (sbatch + srun).
// Torch-free; the GUI's "Export job bundle…" and `finetune bundle` both call writeJobBundle().

#include <string>

#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::api {

struct JobBundleOptions {
    int slurmNodes = 1;          // run-slurm.sh's #SBATCH --nodes (workers per node = localWorkers)
    int masterPort = 29500;      // MASTER_PORT the Slurm script gives rank 0's rendezvous store
};

// Writes job.json, run-local.sh, run-slurm.sh and README.txt into `folder`, all or nothing: the files
// are written to a staging folder beside it and renamed into place. `folder` must not exist or be an
// empty folder; missing parent folders are created. In job.json, paths that lie inside `folder` become
// relative to it (so the bundle can be moved together with its data); all others are absolute
// (relative paths in `job` are taken relative to the current directory). `localWorkers` (>= 1) is the
// number of workers per machine: run-local.sh's --nproc and the Slurm tasks per node.
// Error codes: bundle.invalid_workers, bundle.folder_not_empty, bundle.not_a_folder, bundle.write_failed,
// and parseJobConfig's job.* errors for a job that job.json could not hold (e.g. no model.path).
Status writeJobBundle(const JobConfig& job, const std::string& folder, int localWorkers,
                      const JobBundleOptions& options = {});

}  // namespace ft::api
