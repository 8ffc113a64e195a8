# run-tanh17avx2.sh's command on an experiment jar with tanhSignByBlend() false (the int OR on JDK 17 too)
