# SPDX-License-Identifier: MIT
# ukos.py: gdb commands that know ukos's structures. Load it with
#   gdb -x tools/gdb/ukos.py build/APP/APP.elf    (make debug does)
# Commands:
#   ukos threads        every thread: id, name, state, what it waits on,
#                       and its backtrace
#   ukos bt THREAD      one thread's backtrace (by id or name), with
#                       file:line
#   ukos net            network devices, lwIP's interfaces and TCP
#                       connections, when the app links the network
#   ukos fds            open file descriptors: what each is (console,
#                       file and its path and offset, socket), its open
#                       flags, and how many fds share it (dup)
# Threads that are not running are read from what arch_thread_switch()
# left on their stacks (arch/x86_64/switch.S): the saved rbp at sp + 48
# and the return address at sp + 56; from there the frame-pointer chain
# (ukos is built with frame pointers). Nothing in the guest is changed.
import gdb

SWITCH_RBP = 48
SWITCH_RIP = 56
STATES = {0: "running", 1: "ready", 2: "blocked", 3: "dead"}
MAX_FRAMES = 32


def sym(name):
    """A global or file-static variable of the image, or None."""
    s = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    return s.value() if s else None


def read_u64(addr):
    inferior = gdb.selected_inferior()
    return int.from_bytes(bytes(inferior.read_memory(addr, 8)), "little")


def where(pc):
    """'function+off at file:line' for a code address."""
    text = "0x%x" % pc
    block = None
    try:
        block = gdb.block_for_pc(pc)
    except RuntimeError:
        pass
    while block is not None and block.function is None:
        block = block.superblock
    if block is not None:
        text += " %s+%d" % (block.function.name, pc - block.start)
    else:  # assembly: no debug info, but the symbol table knows it
        found = gdb.execute("info symbol 0x%x" % pc, to_string=True)
        if not found.startswith("No symbol"):
            text += " " + found.split(" in section")[0].replace(" + ", "+")
    line = gdb.find_pc_line(pc)
    if line.symtab is not None:
        text += " at %s:%d" % (line.symtab.filename, line.line)
    return text


def frames(t):
    """The return addresses of thread t, innermost first."""
    if int(t["state"]) == 0 and sym("sched_running") == t.address:
        # The one on the CPU: gdb's own registers say where it is.
        pcs, frame = [], gdb.newest_frame()
        while frame is not None and len(pcs) < MAX_FRAMES:
            pcs.append(int(frame.pc()))
            frame = frame.older()
        return pcs
    sp = int(t["sp"])
    if not sp:
        return []
    try:
        pcs, rbp = [read_u64(sp + SWITCH_RIP)], read_u64(sp + SWITCH_RBP)
        base, top = int(t["stack_base"]), int(t["stack_base"]) + int(t["stack_size"])
        while rbp and len(pcs) < MAX_FRAMES:
            # Stay on the thread's stack (boot stacks have no known bounds).
            if int(t["stack_size"]) and not base <= rbp < top:
                break
            ret = read_u64(rbp + 8)
            if not ret:
                break
            pcs.append(ret - 1 if pcs else ret)  # inside the call
            rbp = read_u64(rbp)
    except gdb.MemoryError:
        pass
    return pcs


def threads():
    t = sym("all_threads")
    while t is not None and int(t) != 0:
        yield t.dereference()
        t = t["all_next"]


def describe(t):
    state = STATES.get(int(t["state"]), str(int(t["state"])))
    if int(t["state"]) == 2 and int(t["waiting_for"]):
        state += " on " + t["waiting_for"].string()
    return "thread %d '%s' %s" % (int(t["id"]), t["name"].string(), state)


class Ukos(gdb.Command):
    """Commands that know ukos: ukos threads, ukos bt THREAD, ukos net,
    ukos fds."""

    def __init__(self):
        super().__init__("ukos", gdb.COMMAND_USER, prefix=True)


class UkosThreads(gdb.Command):
    """List ukos's threads with their state and backtrace."""

    def __init__(self):
        super().__init__("ukos threads", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if sym("all_threads") is None:
            raise gdb.GdbError("no all_threads: is this a ukos image?")
        for t in threads():
            print(describe(t))
            for i, pc in enumerate(frames(t)):
                print("  #%-2d %s" % (i, where(pc)))


class UkosBt(gdb.Command):
    """Backtrace of one ukos thread: ukos bt ID|NAME."""

    def __init__(self):
        super().__init__("ukos bt", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        want = arg.strip()
        if not want:
            raise gdb.GdbError("usage: ukos bt ID|NAME")
        for t in threads():
            if want in (str(int(t["id"])), t["name"].string()):
                print(describe(t))
                for i, pc in enumerate(frames(t)):
                    print("  #%-2d %s" % (i, where(pc)))
                return
        raise gdb.GdbError("no thread '%s' (ukos threads lists them)" % want)


def ip4(addr):
    v = int(addr)
    return "%d.%d.%d.%d" % (v & 255, v >> 8 & 255, v >> 16 & 255, v >> 24)


class UkosNet(gdb.Command):
    """Network devices, lwIP interfaces and TCP connections."""

    def __init__(self):
        super().__init__("ukos net", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        nd = sym("netdev_list")
        netif = sym("netif_list")
        if netif is None:
            print("no network in this image (lwIP is not linked)")
            return
        while nd is not None and int(nd) != 0:
            d = nd.dereference()
            s = d["stats"]
            print("%s: mac %s, rx %d packets (%d dropped), tx %d (%d dropped), %d irqs"
                  % (d["name"].string(),
                     ":".join("%02x" % int(d["mac"][i]) for i in range(6)),
                     int(s["rx_packets"]), int(s["rx_dropped"]),
                     int(s["tx_packets"]), int(s["tx_dropped"]), int(s["irqs"])))
            nd = d["next"]
        if int(netif) == 0:
            print("no network interface")
        while int(netif) != 0:
            n = netif.dereference()
            flags = int(n["flags"])
            print("netif %s%s%d: %s/%s gw %s%s%s"
                  % (chr(int(n["name"][0])), chr(int(n["name"][1])), int(n["num"]),
                     ip4(n["ip_addr"]["u_addr"]["ip4"]["addr"]),
                     ip4(n["netmask"]["u_addr"]["ip4"]["addr"]),
                     ip4(n["gw"]["u_addr"]["ip4"]["addr"]),
                     " up" if flags & 1 else " down",
                     " link" if flags & 4 else " no-link"))
            netif = n["next"]
        listen = sym("tcp_listen_pcbs")
        if listen is not None:
            pcb = listen["listen_pcbs"]
            while int(pcb) != 0:
                print("tcp listen port %d" % int(pcb["local_port"]))
                pcb = pcb["next"]
        for name in ("tcp_active_pcbs", "tcp_tw_pcbs"):
            pcb = sym(name)
            while pcb is not None and int(pcb) != 0:
                p = pcb.dereference()
                print("tcp port %d -> %s:%d %s"
                      % (int(p["local_port"]),
                         ip4(p["remote_ip"]["u_addr"]["ip4"]["addr"]),
                         int(p["remote_port"]), p["state"]))
                pcb = p["next"]


ACCMODE = {0: "O_RDONLY", 1: "O_WRONLY", 2: "O_RDWR"}


def data_name(addr):
    """The symbol a data address is, e.g. 'tmpfs_file_ops', or None."""
    out = gdb.execute("info symbol 0x%x" % addr, to_string=True)
    return None if out.startswith("No symbol") else out.split()[0]


def tmpfs_path(node):
    """A tmpfs node's path, rebuilt from its names up to the root."""
    parts = []
    while int(node["parent"]) != 0:
        parts.append(node["name"].string())
        node = node["parent"].dereference()
    return "/tmp/" + "/".join(reversed(parts))


def describe_file(f):
    """What an open file is, from its ops table and private data."""
    kind = data_name(int(f["ops"])) or "0x%x" % int(f["ops"])
    priv = f["priv"]
    if kind == "initrd_file_ops":
        of = priv.cast(gdb.lookup_type("struct open_file").pointer()).dereference()
        return "%s at %d (boot archive)" % (of["n"]["path"].string(), int(of["pos"]))
    if kind == "tmpfs_file_ops":
        tf = priv.cast(gdb.lookup_type("struct tfile").pointer()).dereference()
        node = tf["n"].dereference()
        gone = "" if node["linked"] else ", unlinked"
        return "%s at %d (tmpfs, %d bytes%s)" % (tmpfs_path(node), int(tf["pos"]),
                                                 int(node["size"]), gone)
    return {"console_ops": "console", "socket_ops": "socket"}.get(kind, kind)


class UkosFds(gdb.Command):
    """Open file descriptors: what each is, its flags, its sharers."""

    def __init__(self):
        super().__init__("ukos fds", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        table = sym("fd_table")
        if table is None:
            raise gdb.GdbError("no fd_table: is this a ukos image?")
        for fd in range(table.type.range()[1] + 1):
            if int(table[fd]) == 0:
                continue
            f = table[fd].dereference()
            flags = int(f["flags"])
            refs = int(f["refs"])
            shared = ", shared by %d fds" % refs if refs > 1 else ""
            print("fd %d: %s, %s%s%s" % (fd, describe_file(f), ACCMODE.get(flags & 3, "?"),
                                         " O_APPEND" if flags & 0x8 else "", shared))


Ukos()
UkosThreads()
UkosBt()
UkosNet()
UkosFds()
