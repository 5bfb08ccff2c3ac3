"""Run `jisr batch --stdin` as the map step of a PySpark job (local[2], RDD.pipe).

Usage: python3 spark_pipe.py JISR INPUT.jsonl
The input (one JSON document a line) is read into 2 partitions; each partition
is piped through its own `jisr batch --stdin` process. The bead lines that come
back are printed on stdout, one JSON object a line.
Exit status 3 when pyspark is not installed (the Rust test skips).
"""
import os
import sys

try:
    from pyspark import SparkConf, SparkContext
except ImportError:
    print("pyspark is not installed", file=sys.stderr)
    sys.exit(3)


def main():
    jisr, input_path = sys.argv[1:3]
    # No network: bind the driver to the loopback interface.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf = (
        SparkConf()
        .setMaster("local[2]")
        .setAppName("jisr-pipe")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        documents = sc.textFile(input_path, minPartitions=2)
        beads = documents.pipe(jisr + " batch --stdin", checkCode=True)
        for line in beads.collect():
            print(line)
        print("partitions: %d" % documents.getNumPartitions(), file=sys.stderr)
    finally:
        sc.stop()


main()
