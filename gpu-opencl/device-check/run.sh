#!/bin/bash
# Device check (after prepare.sh): the gpu-opencl tests and the matmul timing on the GPU through its
# vendor's OpenCL driver (NVIDIA's here), never the CPU's PoCL. $OUT, if set, receives the logs.
cd "$(dirname "$0")"
nvidia-smi -L
lib=$(ls /usr/local/nvidia/lib64/libnvidia-opencl.so.1 /usr/lib/x86_64-linux-gnu/libnvidia-opencl.so.1 /usr/local/nvidia/lib/libnvidia-opencl.so.1 2>/dev/null | head -1)
[ -z "$lib" ] && lib=$(find / -xdev -name 'libnvidia-opencl.so*' 2>/dev/null | head -1)
echo "nvidia opencl: $lib; vendors: $(ls /etc/OpenCL/vendors 2>/dev/null)"
mkdir -p /tmp/icd && echo "$lib" > /tmp/icd/nvidia.icd
export OCL_ICD_VENDORS=/tmp/icd LD_LIBRARY_PATH=$PWD/lib:$(dirname "$lib"):$LD_LIBRARY_PATH TEAK_REQUIRE_OPENCL=1
J=(jre/bin/java --add-modules jdk.incubator.vector --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Xmx8g -Dteak.opencl.poison=true -Dteak.cpu.poison=true -cp "cp/*")
timeout 300 "${J[@]}" Launch dev.teak.opencl 2>&1 | tee ${OUT:-/tmp}/tests.log | grep -v "^SUCCESSFUL"
for n in 1024 4096; do timeout 60 "${J[@]}" dev.teak.opencl.MatmulTiming $n 2>&1 | grep -v WARN; done | tee ${OUT:-/tmp}/timing.log
