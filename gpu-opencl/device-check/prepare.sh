#!/bin/bash
# Packs the OpenCL tests for a machine with a GPU but no Maven or JDK: a jlink'd Java runtime,
# the test class path as jars, a small JUnit launcher, and the ICD loader, all under .dev/
# (ignored by git). Then `bash .dev/run.sh` there runs the tests against the GPU's own OpenCL
# driver and prints the matmul timing. See README.md beside this file.
set -euo pipefail
cd "$(dirname "$0")/../.."
grep -qx '/.dev/' .git/info/exclude 2>/dev/null || { mkdir -p .git/info; echo '/.dev/' >> .git/info/exclude; }
rm -rf .dev && mkdir -p .dev/cp .dev/lib
mvn -q -B -o -pl gpu-opencl -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/.dev/cp.txt" -Dmdep.includeScope=test
launcher=$(ls ~/.m2/repository/org/junit/platform/junit-platform-launcher/*/junit-platform-launcher-$(basename "$(tr ':' '\n' < .dev/cp.txt | grep junit-platform-engine | xargs dirname)").jar)
for p in $(tr ':' ' ' < .dev/cp.txt) "$launcher"; do
  if [ -d "$p" ]; then (cd "$p" && jar cf "$OLDPWD/.dev/cp/$(echo "$p" | awk -F/ '{print $(NF-2)}').jar" .); else cp "$p" .dev/cp/; fi
done
for d in classes test-classes; do (cd gpu-opencl/target/$d && jar cf "$OLDPWD/.dev/cp/gpu-opencl-$d.jar" .); done
javac -d .dev/launch -cp ".dev/cp/*" gpu-opencl/device-check/Launch.java && jar cf .dev/cp/launch.jar -C .dev/launch . && rm -rf .dev/launch
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output .dev/jre
cp -L /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 .dev/lib/
cp gpu-opencl/device-check/run.sh .dev/run.sh
du -sh .dev
