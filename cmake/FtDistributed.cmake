# Data-parallel training (core/train/distributed.cpp) uses LibTorch's own c10d: TCPStore plus
# ProcessGroupGloo, and ProcessGroupNCCL when LibTorch was built with CUDA and NCCL. Debian's
# libtorch-dev ships the c10d headers but Gloo's come from libgloo-dev.
#
# Sets FT_HAVE_C10D and FT_HAVE_NCCL (ON/OFF) after checking that a small program using their
# headers compiles (the link of finetune itself then proves the libraries). When c10d is missing, training still builds; a run with
# WORLD_SIZE > 1 then fails with a message that says why. -DFT_DISTRIBUTED=OFF skips the checks.
option(FT_DISTRIBUTED "Data-parallel training across processes with LibTorch's c10d (when available)" ON)
set(FT_HAVE_C10D OFF)
set(FT_HAVE_NCCL OFF)
set(FT_GLOO_LIBRARIES "")
set(FT_NCCL_INCLUDE_DIRS "")

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
    # Compile-only: PyTorch's own LibTorch (the pip wheel's share/cmake/Torch) exports imported
    # targets that try_compile cannot re-create (a configure error), so no libraries are linked here;
    # the real link of finetune is the proof (Debian: libgloo.so; the wheel: inside libtorch_cpu).
    set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
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
      }]] FT_C10D_GLOO_COMPILES)
    if(FT_C10D_GLOO_COMPILES)
      set(FT_HAVE_C10D ON)
      if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES)
        # nccl.h: with the CUDA toolkit, or in the pip wheel's nvidia/nccl/include (pass
        # -DFT_NCCL_INCLUDE_DIR=... or set NCCL_INCLUDE_DIR); CUDA's own headers from the toolkit.
        find_path(FT_NCCL_INCLUDE_DIR nccl.h HINTS ENV NCCL_INCLUDE_DIR ${TORCH_INCLUDE_DIRS} ${CUDAToolkit_INCLUDE_DIRS})
        find_package(CUDAToolkit QUIET)
        if(FT_NCCL_INCLUDE_DIR)
          list(APPEND CMAKE_REQUIRED_INCLUDES ${FT_NCCL_INCLUDE_DIR} ${CUDAToolkit_INCLUDE_DIRS})
          set(FT_NCCL_INCLUDE_DIRS ${FT_NCCL_INCLUDE_DIR} ${CUDAToolkit_INCLUDE_DIRS})
        endif()
        set(CMAKE_REQUIRED_DEFINITIONS -DUSE_C10D_GLOO -DUSE_C10D_NCCL)
        check_cxx_source_compiles([[
          #include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
          int probe() { auto options = c10d::ProcessGroupNCCL::Options::create(); return options->timeout.count() > 0 ? 0 : 1; }
          int main() { return probe(); }
        ]] FT_C10D_NCCL_COMPILES)
        if(FT_C10D_NCCL_COMPILES)
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
