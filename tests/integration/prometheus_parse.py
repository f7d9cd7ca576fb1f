"""Reads a Prometheus text exposition on stdin with prometheus_client's own parser (Debian's
python3-prometheus-client) and prints every sample as JSON: [[name, {labels}, value], ...].
Exits non-zero, with the parser's error, on text that does not parse."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        samples.append([sample.name, sample.labels, sample.value])
json.dump(samples, sys.stdout)
