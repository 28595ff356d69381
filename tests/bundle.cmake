# The job bundle (core/api/job_bundle.h): torch-free, so it links the job library only.
ft_add_test(test_job_bundle SOURCES test_job_bundle.cpp LIBS ft_core_job)
