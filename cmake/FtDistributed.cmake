# Data-parallel training (core/train/distributed.cpp) uses LibTorch's own c10d: TCPStore plus
# ProcessGroupGloo, and ProcessGroupNCCL when LibTorch was built with CUDA and NCCL. Debian's
# libtorch-dev ships the c10d headers but Gloo's come from libgloo-dev.
#
# Sets FT_HAVE_C10D and FT_HAVE_NCCL (ON/OFF) after checking that a small program using them compiles
# and links against ${TORCH_LIBRARIES}. When c10d is missing, training still builds; a run with
# WORLD_SIZE > 1 then fails with a message that says why. -DFT_DISTRIBUTED=OFF skips the checks.
option(FT_DISTRIBUTED "Data-parallel training across processes with LibTorch's c10d (when available)" ON)
set(FT_HAVE_C10D OFF)
set(FT_HAVE_NCCL OFF)
set(FT_GLOO_LIBRARIES "")

if(FT_DISTRIBUTED)
  include(CheckCXXSourceCompiles)
  include(CMakePushCheckState)
  find_path(FT_C10D_INCLUDE_DIR torch/csrc/distributed/c10d/ProcessGroupGloo.hpp HINTS ${TORCH_INCLUDE_DIRS})
  find_path(FT_GLOO_INCLUDE_DIR gloo/config.h HINTS ${TORCH_INCLUDE_DIRS})
  # Debian's libtorch links the shared libgloo; the official LibTorch archives carry Gloo inside libtorch_cpu.
  find_library(FT_GLOO_LIBRARY gloo)
  if(FT_GLOO_LIBRARY)
    set(FT_GLOO_LIBRARIES ${FT_GLOO_LIBRARY})
  endif()

  if(FT_C10D_INCLUDE_DIR AND FT_GLOO_INCLUDE_DIR)
    cmake_push_check_state(RESET)
    set(CMAKE_REQUIRED_QUIET ON)
    set(CMAKE_REQUIRED_INCLUDES ${TORCH_INCLUDE_DIRS} ${FT_GLOO_INCLUDE_DIR})
    set(CMAKE_REQUIRED_FLAGS "${TORCH_CXX_FLAGS}")
    set(CMAKE_REQUIRED_DEFINITIONS -DUSE_C10D_GLOO)
    set(CMAKE_REQUIRED_LIBRARIES ${TORCH_LIBRARIES} ${FT_GLOO_LIBRARIES})
    message(STATUS "Checking LibTorch's c10d with Gloo (compiles torch headers, takes a while)")
    check_cxx_source_compiles([[
      #include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
      #include <torch/csrc/distributed/c10d/TCPStore.hpp>
      int main() {
        c10d::TCPStoreOptions options;
        auto store = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", options);
        auto glooOptions = c10d::ProcessGroupGloo::Options::create();
        glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, 0, 1, glooOptions);
        return group->getRank();
      }]] FT_C10D_GLOO_LINKS)
    if(FT_C10D_GLOO_LINKS)
      set(FT_HAVE_C10D ON)
      if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES)
        set(CMAKE_REQUIRED_DEFINITIONS -DUSE_C10D_GLOO -DUSE_C10D_NCCL)
        check_cxx_source_compiles([[
          #include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
          int main() { auto options = c10d::ProcessGroupNCCL::Options::create(); return options->timeout.count() > 0 ? 0 : 1; }
        ]] FT_C10D_NCCL_LINKS)
        if(FT_C10D_NCCL_LINKS)
          set(FT_HAVE_NCCL ON)
        endif()
      endif()
    endif()
    cmake_pop_check_state()
  endif()
endif()

if(FT_HAVE_C10D)
  message(STATUS "Distributed training: c10d with Gloo")
  if(FT_HAVE_NCCL)
    message(STATUS "Distributed training: NCCL for CUDA tensors")
  endif()
elseif(NOT FT_DISTRIBUTED)
  message(STATUS "Distributed training: off (-DFT_DISTRIBUTED=OFF)")
else()
  message(STATUS "Distributed training: off (LibTorch's c10d or Gloo's headers were not usable; on Debian install libgloo-dev)")
endif()
