"""Unit tests of the runner's fidelity section (lib/bench/python/runner.py): exact_difference,
lossy_difference and fidelity_of, the rules that call a round trip exact, lossy or a mismatch.
stdlib unittest only; run by tests/bench/runner_fidelity_test.ts with the test Python."""

import datetime
import decimal
import math
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "lib", "bench", "python"))

import runner  # noqa: E402  (the path above makes it importable)

try:
    import numpy
except ImportError:  # the runner treats numpy as optional; so do these tests
    numpy = None

try:
    import pandas
except ImportError:
    pandas = None

UTC = datetime.timezone.utc
PLUS_TWO = datetime.timezone(datetime.timedelta(hours=2))


class ExactDifference(unittest.TestCase):
    def test_same_types_and_values_are_exact(self):
        record = {"a": [1, 2.5, "x", None, True], "b": {"c": (1, 2)}, "d": {1, 2}}
        self.assertIsNone(runner.exact_difference(record, {"a": [1, 2.5, "x", None, True], "b": {"c": (1, 2)}, "d": {2, 1}}))

    def test_nan_equals_nan(self):
        self.assertIsNone(runner.exact_difference([math.nan], [float("nan")]))
        self.assertIsNone(runner.exact_difference(complex(math.nan, 1), complex(math.nan, 1)))

    def test_a_changed_type_is_named_with_its_path(self):
        self.assertEqual(runner.exact_difference({"a": [1]}, {"a": [1.0]}), "$.a[0]: int became float")
        self.assertEqual(runner.exact_difference((1, 2), [1, 2]), "$: tuple became list")

    def test_missing_and_unexpected_keys_and_lengths(self):
        self.assertEqual(runner.exact_difference({"a": 1, "b": 2}, {"a": 1}), "$: key 'b' went missing")
        self.assertEqual(runner.exact_difference({"a": 1}, {"a": 1, "z": 0}), "$: unexpected key 'z'")
        self.assertEqual(runner.exact_difference([1, 2], [1]), "$: length 2 became 1")

    def test_keys_that_are_not_identifiers_are_bracketed(self):
        self.assertEqual(runner.exact_difference({"a b": 1}, {"a b": 2}), "$['a b']: 1 became 2")

    def test_decimal_keeps_its_digits(self):
        self.assertIsNone(runner.exact_difference(decimal.Decimal("1.10"), decimal.Decimal("1.10")))
        self.assertIsNotNone(runner.exact_difference(decimal.Decimal("1.10"), decimal.Decimal("1.1")))
        self.assertIsNone(runner.exact_difference(decimal.Decimal("NaN"), decimal.Decimal("NaN")))

    def test_datetimes_must_keep_their_offset(self):
        aware = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=PLUS_TWO)
        same_instant_utc = aware.astimezone(UTC)
        self.assertIsNone(runner.exact_difference(aware, aware))
        self.assertIsNotNone(runner.exact_difference(aware, same_instant_utc))
        self.assertIsNotNone(runner.exact_difference(aware, aware.replace(tzinfo=None)))

    def test_set_contents(self):
        self.assertEqual(runner.exact_difference({1, 2}, {1, 3}), "$: set contents changed")


class LossyDifference(unittest.TestCase):
    def test_json_normalisation_makes_typed_values_equal(self):
        moment = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
        original = {
            "when": moment,
            "day": datetime.date(2026, 1, 2),
            "id": ident,
            "price": decimal.Decimal("19.99"),
            "tags": ("a", "b"),
            "raw": b"\x00\x01\xff",
            "z": complex(1.5, -2),
            "set": {3, 1, 2},
            7: "int key",
        }
        round_tripped = {
            "when": "2026-01-02T03:04:05Z",
            "day": "2026-01-02",
            "id": str(ident),
            "price": 19.99,
            "tags": ["a", "b"],
            "raw": "AAH/",
            "z": [1.5, -2.0],
            "set": [2, 3, 1],
            "7": "int key",
        }
        self.assertIsNotNone(runner.exact_difference(original, round_tripped))
        self.assertIsNone(runner.lossy_difference(original, round_tripped))

    def test_the_same_instant_in_another_offset_is_equal(self):
        aware = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=PLUS_TWO)
        self.assertIsNone(runner.lossy_difference(aware, "2026-01-02T01:04:05+00:00"))
        self.assertIsNotNone(runner.lossy_difference(aware, "2026-01-02T03:04:05+00:00"))

    def test_special_floats_may_become_null_or_text(self):
        self.assertIsNone(runner.lossy_difference([math.nan, math.inf], [None, "Infinity"]))
        self.assertIsNone(runner.lossy_difference({"n": "12"}, {"n": 12}))

    def test_booleans_are_not_numbers(self):
        self.assertEqual(runner.lossy_difference([True], [1]), "$[0]: True became 1")

    def test_a_changed_value_or_shape_is_a_mismatch(self):
        self.assertEqual(runner.lossy_difference({"a": 1}, {"a": 2}), "$.a: 1 became 2")
        self.assertEqual(runner.lossy_difference({"a": 1}, {}), "$: key 'a' went missing")
        self.assertEqual(runner.lossy_difference([1, 2], [1]), "$: length 2 became 1")
        self.assertIsNotNone(runner.lossy_difference(b"\x00\x01", "AAI="))

    def test_a_set_element_without_counterpart(self):
        self.assertEqual(runner.lossy_difference({1, 2}, [1, 5]), "$: set element 2 has no counterpart")

    @unittest.skipUnless(numpy is not None, "numpy is not installed")
    def test_ndarrays_by_dtype_shape_and_values(self):
        a = numpy.array([[1.0, math.nan], [3.0, 4.0]])
        self.assertIsNone(runner.exact_difference(a, a.copy()))
        self.assertEqual(runner.exact_difference(a, a.astype("float32")), "$: ndarray dtype float64 became float32")
        self.assertEqual(runner.exact_difference(a, a.reshape(4)), "$: ndarray shape (2, 2) became (4,)")
        self.assertIsNone(runner.lossy_difference(numpy.array([1, 2]), [1, 2]))

    @unittest.skipUnless(pandas is not None, "pandas is not installed")
    def test_dataframes_by_columns_dtypes_and_values(self):
        frame = pandas.DataFrame({"a": [1, 2], "b": ["x", "y"]})
        self.assertIsNone(runner.exact_difference(frame, frame.copy()))
        self.assertIsNotNone(runner.exact_difference(frame, frame[["b", "a"]]))
        self.assertIsNone(runner.lossy_difference(frame, {"columns": ["a", "b"], "data": [[1, "x"], [2, "y"]]}))


class FidelityOf(unittest.TestCase):
    def test_exact_lossy_and_mismatch_over_records(self):
        self.assertEqual(runner.fidelity_of([{"a": 1}, [2]], [{"a": 1}, [2]]), ("exact", None))
        self.assertEqual(
            runner.fidelity_of([{"a": 1}, {"t": (1, 2)}], [{"a": 1}, {"t": [1, 2]}]),
            ("lossy", "record 1 at $.t: tuple became list"),
        )
        self.assertEqual(
            runner.fidelity_of([{"t": (1,)}, {"a": 1}], [{"t": [1]}, {"a": 2}]),
            ("mismatch", "record 1 at $.a: 1 became 2"),
        )


if __name__ == "__main__":
    unittest.main()
