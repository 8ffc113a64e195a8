/** A consumer module: it reads lanewise's exported packages only (its internals are not exported). */
module example.jpms {
    requires dev.lanewise.kernels;
    exports example.jpms;
}
